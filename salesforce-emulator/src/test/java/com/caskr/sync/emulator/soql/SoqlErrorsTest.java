package com.caskr.sync.emulator.soql;

import static com.caskr.sync.emulator.soql.TestOrg.anOrg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SoqlErrorsTest {

  private final TestOrg org = anOrg();

  private SoqlException refusal(String soql) {
    return catchThrowableOfType(SoqlException.class, () -> Soql.parse(soql).execute(org, false));
  }

  @Test
  void pointsAtTheUnexpectedTokenOfAMalformedQuery() {
    SoqlException e = refusal("SELECT Id FORM Account");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(e.message())
        .isEqualTo(
            "\nSELECT Id FORM Account\n          ^\nERROR at Row:1:Column:11\nunexpected token: 'FORM'");
  }

  @Test
  void reportsTheRowAndColumnOfAMultiLineQuery() {
    SoqlException e = refusal("SELECT Id\nFROM Account\nWHERE Name = = 'x'");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(e.message())
        .isEqualTo(
            "\nWHERE Name = = 'x'\n             ^\nERROR at Row:3:Column:14\nunexpected token: '='");
  }

  @Test
  void refusesWhatItDoesNotUnderstandAsMalformed() {
    assertThat(refusal("SELECT FROM Account").message()).endsWith("unexpected token: 'FROM'");
    assertThat(refusal("SELECT Id FROM Account WHERE").message())
        .endsWith("unexpected token: <EOF>");
    assertThat(refusal("SELECT Id FROM").errorCode()).isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT Id, FROM Account").errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT Id FROM Account WHERE Name = 'unterminated").errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT Id FROM Account WHERE Name = 'bad \\q escape'").errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT COUNT(), Name FROM Account").message())
        .endsWith("unexpected token: ','");
    assertThat(refusal("SELECT Id FROM Account GROUP BY Name").message())
        .endsWith("unexpected token: 'GROUP'");
    assertThat(refusal("SELECT Id FROM Account LIMIT -1").errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT Id FROM Account WHERE Name LIKE Name").message())
        .endsWith("unexpected token: 'Name'");
    assertThat(
            refusal("SELECT Id FROM Account WHERE SystemModstamp > 2024-01-15T10:30:00")
                .errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(refusal("SELECT Id FROM Account WHERE CreatedDate > 2024-02-30").errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
    assertThat(
            refusal("SELECT Id, (SELECT Id, (SELECT Id FROM Contacts) FROM Contacts) FROM Account")
                .errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
  }

  @Test
  void namesAnUnknownField() {
    SoqlException e = refusal("SELECT Id, Nmae FROM Account");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.INVALID_FIELD);
    assertThat(e.message())
        .isEqualTo(
            "\nSELECT Id, Nmae FROM Account\n           ^\nERROR at Row:1:Column:12\n"
                + "No such column 'Nmae' on entity 'Account'. If you are attempting to use a custom"
                + " field, be sure to append the '__c' after the custom field name. Please reference"
                + " your WSDL or the describe call for the appropriate names.");
  }

  @Test
  void namesUnknownFieldsInWhereOrderByAndParentPaths() {
    assertThat(refusal("SELECT Id FROM Account WHERE Nmae = 'x'").errorCode())
        .isEqualTo(SoqlErrorCode.INVALID_FIELD);
    assertThat(refusal("SELECT Id FROM Account ORDER BY Nmae").errorCode())
        .isEqualTo(SoqlErrorCode.INVALID_FIELD);
    assertThat(refusal("SELECT Account.Nmae FROM Opportunity").message())
        .contains("No such column 'Nmae' on entity 'Account'");
    SoqlException relationship = refusal("SELECT Acount.Name FROM Opportunity");
    assertThat(relationship.errorCode()).isEqualTo(SoqlErrorCode.INVALID_FIELD);
    assertThat(relationship.message())
        .contains("Didn't understand relationship 'Acount' in field path.");
  }

  @Test
  void refusesMoreThanFiveParentLevels() {
    assertThat(
            refusal("SELECT Owner.Manager.Manager.Manager.Manager.Manager.Email FROM Opportunity")
                .errorCode())
        .isEqualTo(SoqlErrorCode.MALFORMED_QUERY);
  }

  @Test
  void namesAnUnknownType() {
    SoqlException e = refusal("SELECT Id FROM Acount");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.INVALID_TYPE);
    assertThat(e.message())
        .contains("ERROR at Row:1:Column:16\nsObject type 'Acount' is not supported.");
  }

  @Test
  void namesAnUnknownChildRelationshipAsAnInvalidType() {
    SoqlException e = refusal("SELECT Id, (SELECT Id FROM LineItems) FROM Opportunity");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.INVALID_TYPE);
    assertThat(e.message())
        .contains("Didn't understand relationship 'LineItems' in FROM part of query call.");
  }

  @Test
  void refusesAQuotedDateAsSalesforceDoes() {
    org.anOpportunity("Deal").closingOn(LocalDate.of(2024, 1, 15)).create();

    SoqlException e = refusal("SELECT Id FROM Opportunity WHERE CloseDate = '2024-01-15'");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.INVALID_QUERY_FILTER_OPERATOR);
    assertThat(e.message())
        .endsWith(
            "value of filter criterion for field 'CloseDate' must be of type date and should not"
                + " be enclosed in quotes");
  }

  @Test
  void refusesLiteralsOfTheWrongType() {
    org.anAccount("Acme")
        .withAnnualRevenue(10)
        .with("SystemModstamp", java.time.Instant.EPOCH)
        .create();
    org.anOpportunity("Deal").inStage("Prospecting").closingOn(LocalDate.of(2024, 1, 15)).create();

    assertThat(refusal("SELECT Id FROM Account WHERE Name = 5").message())
        .endsWith("must be of type string and should be enclosed in quotes");
    assertThat(refusal("SELECT Id FROM Account WHERE AnnualRevenue > '5'").message())
        .endsWith(
            "field 'AnnualRevenue' must be of type double and should not be enclosed in quotes");
    assertThat(refusal("SELECT Id FROM Account WHERE SystemModstamp > 2024-01-15").message())
        .endsWith("must be of type dateTime and should not be enclosed in quotes");
    assertThat(
            refusal("SELECT Id FROM Opportunity WHERE CloseDate > 2024-01-15T00:00:00Z").message())
        .endsWith("must be of type date and should not be enclosed in quotes");
    assertThat(refusal("SELECT Id FROM Opportunity WHERE IsClosed = 'false'").message())
        .endsWith("must be of type boolean and should not be enclosed in quotes");
    assertThat(refusal("SELECT Id FROM Opportunity WHERE IsClosed > false").errorCode())
        .isEqualTo(SoqlErrorCode.INVALID_QUERY_FILTER_OPERATOR);
    assertThat(
            refusal("SELECT Id FROM Opportunity WHERE StageName = null AND IsClosed < true")
                .message())
        .endsWith("invalid operator on boolean field 'IsClosed'");
    assertThat(refusal("SELECT Id FROM Account WHERE AnnualRevenue LIKE '1%'").errorCode())
        .isEqualTo(SoqlErrorCode.INVALID_QUERY_FILTER_OPERATOR);
  }

  @Test
  void refusesMalformedIdLiterals() {
    SoqlException e = refusal("SELECT Id FROM Account WHERE Id = 'not-an-id'");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.INVALID_QUERY_FILTER_OPERATOR);
    assertThat(e.message()).endsWith("invalid ID field: not-an-id");
    assertThat(
            refusal("SELECT Id FROM Opportunity WHERE AccountId IN ('001000000000000ABC')")
                .message())
        .endsWith("invalid ID field: 001000000000000ABC");
    assertThat(refusal("SELECT Id FROM Account WHERE Id LIKE '001%'").message())
        .endsWith("invalid operator on id field");
  }

  @Test
  void refusesAnOffsetAboveTwoThousand() {
    SoqlException e = refusal("SELECT Id FROM Account ORDER BY Name OFFSET 2001");

    assertThat(e.errorCode()).isEqualTo(SoqlErrorCode.NUMBER_OUTSIDE_VALID_RANGE);
    assertThat(e.message()).endsWith("Maximum SOQL offset allowed is 2000");
    assertThat(Soql.parse("SELECT Id FROM Account OFFSET 2000").execute(org, false).totalSize())
        .isZero();
  }
}
