package io.github.trailbench.core.model;

/**
 * {@code userIdentity.inScopeOf}: the AWS service resource a request was made in scope of (CloudTrail
 * User Guide, "CloudTrail userIdentity element").
 *
 * @param issuerType the resource's type, e.g. {@code AWS::Lambda::Function}
 * @param credentialsIssuedTo the resource related to the environment where the credentials were issued,
 *     e.g. a Lambda function's ARN
 */
public record InScopeOf(String issuerType, String credentialsIssuedTo) {}
