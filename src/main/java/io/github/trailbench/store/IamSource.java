package io.github.trailbench.store;

/** An IAM input kept raw in the case (credential report, authorization details, manifests). */
public record IamSource(long fileId, String path, String kind, byte[] content) {}
