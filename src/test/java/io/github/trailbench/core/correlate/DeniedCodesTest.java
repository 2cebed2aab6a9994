package io.github.trailbench.core.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The timeline's and the report's count of refusals uses the replay's own rule of what a refusal is. */
class DeniedCodesTest {
  private static boolean matchesAPattern(String code) {
    return Explainer.DENIED_CODE_PATTERNS.stream().anyMatch(p -> Pattern.compile(
        ("\\Q" + p.toLowerCase(Locale.ROOT) + "\\E").replace("*", "\\E.*\\Q")).matcher(code.toLowerCase(Locale.ROOT)).matches());
  }

  @Test
  void thePatternsAndTheReplaysRuleAgreeOnEveryKindOfCode() {
    for (String code : List.of("AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "UnauthorizedOperation",
        "Client.UnauthorizedAccess", "AuthorizationError", "AuthorizationErrorException", "NotAuthorized", "NotAuthorizedException",
        "Forbidden", "SwitchRole failure", "ThrottlingException", "NoSuchBucket", "ValidationException",
        "Client.InvalidParameterValue", "ForbiddenException", "InvalidClientTokenId", "ExpiredToken", "Failed authentication")) {
      assertThat(matchesAPattern(code)).as(code).isEqualTo(Explainer.denied(code));
    }
    // which codes are refusals, whatever the patterns say: SNS's AuthorizationError ("the user has been denied access to
    // the requested resource") is one; throttling, validation and sign-in failures are not
    for (String code : List.of("AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "AuthorizationError",
        "NotAuthorizedException", "Forbidden", "SwitchRole failure")) {
      assertThat(Explainer.denied(code)).as(code).isTrue();
    }
    for (String code : List.of("ThrottlingException", "NoSuchBucket", "ValidationException", "ForbiddenException",
        "InvalidClientTokenId", "ExpiredToken", "Failed authentication")) {
      assertThat(Explainer.denied(code)).as(code).isFalse();
    }
  }
}
