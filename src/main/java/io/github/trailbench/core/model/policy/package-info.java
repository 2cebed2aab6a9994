/**
 * Immutable model of IAM JSON policy documents: documents, statements, their elements and
 * condition clauses. Parsing lives in {@code core.policy}; this package has no dependencies
 * beyond the JDK.
 */
package io.github.trailbench.core.model.policy;
