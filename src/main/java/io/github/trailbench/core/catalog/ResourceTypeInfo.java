package io.github.trailbench.core.catalog;

import java.util.List;

/** A resource type of a service with its ARN format ({@code arn:${Partition}:s3:::${BucketName}}). */
public record ResourceTypeInfo(String name, String arnFormat, List<String> conditionKeys) {
  public ResourceTypeInfo {
    conditionKeys = List.copyOf(conditionKeys);
  }
}
