package com.caskr.sync.fidelity.dto;

import org.apache.camel.component.salesforce.api.dto.AbstractQueryRecordsBase;

/** A page of a SOQL query over {@link Account}, as the Camel code generator names it. */
public class QueryRecordsAccount extends AbstractQueryRecordsBase<Account> {}
