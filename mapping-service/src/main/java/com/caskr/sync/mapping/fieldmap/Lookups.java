package com.caskr.sync.mapping.fieldmap;

import java.util.Optional;

/**
 * Resolves LOOKUP mappings through tables (the port {@link FieldMapper} calls out through; the JDBC
 * side implements it).
 */
public interface Lookups {

  /**
   * The Caskr value for {@code salesforceValue} (never null or blank) in {@code companyId}'s
   * tables, or empty when there is no match.
   */
  Optional<Object> find(long companyId, Transformation.Lookup lookup, Object salesforceValue);
}
