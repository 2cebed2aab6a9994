/**
 * Immutable model of an account's IAM world as read from the case's files: credential report
 * rows, users, groups, roles, managed policies with their versions, the organization tree with
 * its SCPs and RCPs, and resource-based policies. Policy documents are kept as JSON text; the
 * policy engine parses them into its own model. Depends on the JDK only.
 */
package io.github.trailbench.core.model.iam;
