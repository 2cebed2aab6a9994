package io.github.trailbench.core.correlate;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.trailbench.core.catalog.ActionMapping;
import io.github.trailbench.core.catalog.Authorization;
import io.github.trailbench.core.catalog.EventActionMapper;
import io.github.trailbench.core.model.CloudTrailEvent;
import io.github.trailbench.core.model.SessionContext;
import io.github.trailbench.core.model.UserIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds the request context of a logged call ({@link DerivedRequest}) from the event alone,
 * plus IAM tags through {@link PrincipalTagSource}. Keys the log cannot carry go to
 * {@code missing} with a reason; keys AWS would not set for this request go to {@code absent}.
 * Thread-safe.
 */
public final class RequestContextDeriver {
  private final EventActionMapper mapper;
  private final PrincipalTagSource tags;

  public RequestContextDeriver() {
    this(EventActionMapper.get(), PrincipalTagSource.NONE);
  }

  public RequestContextDeriver(PrincipalTagSource tags) {
    this(EventActionMapper.get(), tags);
  }

  public RequestContextDeriver(EventActionMapper mapper, PrincipalTagSource tags) {
    this.mapper = mapper;
    this.tags = tags;
  }

  /** Identity providers AWS names by their host in aws:FederatedProvider (its own, and the built-in web identity ones). */
  private static final java.util.Set<String> BUILT_IN_PROVIDERS = java.util.Set.of("cognito-identity.amazonaws.com", "www.amazon.com",
      "graph.facebook.com", "accounts.google.com");

  /**
   * aws:FederatedProvider (IAM User Guide: set in a role session assumed through an OIDC provider,
   * and in the trust policy of the AssumeRoleWithWebIdentity call; an older version of the page
   * also named SAML sessions). CloudTrail logs the provider of an OIDC session
   * (webIdFederationData) and the host of the web identity call's provider, not a SAML session's.
   */
  private static void federatedProvider(B b, Principal p, UserIdentity u, SessionContext sc) {
    if (sc != null && sc.webIdFederationProvider() != null) {
      b.put("aws:FederatedProvider", sc.webIdFederationProvider());
    } else if (p.type() == PrincipalType.ASSUMED_ROLE) {
      b.missing("aws:FederatedProvider", "a role session without webIdFederationData: not issued through an OIDC"
          + " provider (CloudTrail would name it), but a SAML session's provider is not logged, and AWS's documentation has"
          + " differed on whether the key is set for SAML sessions");
    } else if (p.type() == PrincipalType.WEB_IDENTITY_USER) {
      String host = u == null ? null : u.identityProvider();
      if (host != null && (BUILT_IN_PROVIDERS.contains(host) || host.startsWith("arn:") && host.contains(":oidc-provider/"))) {
        b.put("aws:FederatedProvider", host);
      } else {
        b.missing("aws:FederatedProvider", "the call's identity provider is logged as '" + host + "': for an IAM OIDC"
            + " provider AWS sets the provider's ARN, which the log does not give");
      }
    } else if (p.type() == PrincipalType.SAML_USER) {
      b.missing("aws:FederatedProvider", "a SAML federation call: AWS's documentation has differed on whether the key is set");
    } else if (p.type() != PrincipalType.UNKNOWN) {
      b.absent("aws:FederatedProvider", "not a role session issued through an identity provider");
    }
  }

  public DerivedRequest derive(CloudTrailEvent e) {
    EventDocs d = new EventDocs(e);
    Principal p = Principals.resolve(e);
    ActionMapping m = mapper.map(e, d.request());
    ResourceDerivation r = ResourceArns.derive(d);
    B b = new B();
    b.notes.addAll(r.notes());
    UserIdentity u = e.userIdentity();
    SessionContext sc = u == null ? null : u.sessionContext();
    boolean service = p.type() == PrincipalType.AWS_SERVICE;
    String key = u == null ? null : u.accessKeyId();
    boolean temporary = KeyKind.of(key) == KeyKind.TEMPORARY || (sc != null && sc.creationDate() != null);

    // --- network
    String ip = e.sourceIpAddress();
    boolean vpce = e.vpcEndpointId() != null && !e.vpcEndpointId().isBlank();
    if (vpce) {
      b.put("aws:SourceVpce", e.vpcEndpointId());
      b.absent("aws:SourceIp", "the request came through VPC endpoint " + e.vpcEndpointId()
          + ": AWS sets aws:VpcSourceIp instead of aws:SourceIp");
      if (IpOwnership.isIpLiteral(ip)) {
        b.put("aws:VpcSourceIp", ip);
      }
      b.missing("aws:SourceVpc", "the VPC of the endpoint is not logged (only vpcEndpointId)");
    } else if (IpOwnership.isIpLiteral(ip) && !service && u != null && u.invokedBy() != null && !u.invokedBy().isBlank()) {
      // IAM User Guide, aws:SourceIp: a request a service makes on the principal's behalf carries the service's own
      // address (the policy example "denies access if an AWS service makes calls on the principal's behalf"), not
      // the address the record shows
      b.missing("aws:SourceIp", u.invokedBy() + " made the call on the principal's behalf: the request carries the"
          + " service's own address, not the logged " + ip);
    } else if (IpOwnership.isIpLiteral(ip)) {
      b.put("aws:SourceIp", ip);
      b.absent("aws:SourceVpce", "not made through a VPC endpoint (no vpcEndpointId)");
      b.absent("aws:SourceVpc", "not made through a VPC endpoint (no vpcEndpointId)");
      b.absent("aws:VpcSourceIp", "not made through a VPC endpoint (no vpcEndpointId)");
    } else if (ip != null && !ip.isBlank()) {
      // AWS's own example: a Deny on aws:SourceIp "denies access if an AWS service makes calls on the
      // principal's behalf" - the key holds the service's address, which the log does not give
      b.missing("aws:SourceIp", "sourceIPAddress is '" + ip + "', an AWS service: the request carries the"
          + " service's own address, which CloudTrail does not log");
    } else {
      b.missing("aws:SourceIp", "sourceIPAddress not logged");
    }
    if (e.userAgent() != null) {
      b.put("aws:UserAgent", e.userAgent());
    }

    // --- time and place
    if (e.awsRegion() != null) {
      b.put("aws:RequestedRegion", e.awsRegion());
    }
    if (e.eventTime() != null) {
      b.put("aws:CurrentTime", e.eventTime().toString());
      b.put("aws:EpochTime", Long.toString(e.eventTime().getEpochSecond()));
    } else {
      b.missing("aws:CurrentTime", "eventTime not logged");
    }

    // --- transport
    JsonNode tls = d.tls();
    if (tls != null && Principals.text(tls.get("tlsVersion")) != null) {
      b.put("aws:SecureTransport", "true");
      String v = Principals.text(tls.get("tlsVersion"));
      if (isS3(e) && v.startsWith("TLSv")) {
        b.put("s3:TlsVersion", v.substring(4));
      }
    } else {
      b.missing("aws:SecureTransport", "tlsDetails not logged for this event (older trails and"
          + " some services omit it)");
    }

    // --- MFA and session
    String invokedBy = u == null ? null : u.invokedBy();
    boolean forwarded = !service && invokedBy != null && !invokedBy.isBlank();
    if (forwarded && KeyKind.of(key) == KeyKind.LONG_TERM) {
      // IAM User Guide, aws:MultiFactorAuthPresent: when a service re-uses a user's long-term credentials
      // to make another request, AWS uses temporary credentials and sets the key to false
      b.put("aws:MultiFactorAuthPresent", "false");
      b.absent("aws:MultiFactorAuthAge", "no MFA in the credentials the service forwarded");
      b.notes.add("aws:MultiFactorAuthPresent is false: " + invokedBy + " made the call with temporary credentials"
          + " standing for the user's long-term key");
    } else if (sc != null && sc.mfaAuthenticated() != null && temporary) {
      b.put("aws:MultiFactorAuthPresent", sc.mfaAuthenticated().toString());
      if (sc.mfaAuthenticated() && sc.creationDate() != null && e.eventTime() != null) {
        long age = Math.max(0, Duration.between(sc.creationDate(), e.eventTime()).getSeconds());
        b.put("aws:MultiFactorAuthAge", Long.toString(age));
        b.notes.add("aws:MultiFactorAuthAge measured from the session's creationDate (MFA is"
            + " checked when the session is issued)");
      } else {
        b.absent("aws:MultiFactorAuthAge", "no MFA in this session: AWS sets the key only when MFA was used");
      }
    } else if (KeyKind.of(key) == KeyKind.LONG_TERM) {
      b.absent("aws:MultiFactorAuthPresent", "signed with a long-term access key: AWS does not set"
          + " aws:MultiFactorAuthPresent for long-term-key requests (so a BoolIfExists false test matches)");
      b.absent("aws:MultiFactorAuthAge", "signed with a long-term access key");
    } else if (!service) {
      b.missing("aws:MultiFactorAuthPresent", "sessionContext.attributes.mfaAuthenticated not logged");
    }
    if (temporary && sc != null && sc.creationDate() != null) {
      b.put("aws:TokenIssueTime", sc.creationDate().toString());
    } else if (forwarded && KeyKind.of(key) == KeyKind.LONG_TERM) {
      b.missing("aws:TokenIssueTime", "the temporary credentials " + invokedBy + " used for the user are not logged");
    } else if (KeyKind.of(key) == KeyKind.LONG_TERM) {
      b.absent("aws:TokenIssueTime", "long-term credentials have no token");
    } else if (temporary) {
      b.missing("aws:TokenIssueTime", "sessionContext.attributes.creationDate not logged");
    }
    if (sc != null && sc.sourceIdentity() != null) {
      b.put("aws:SourceIdentity", sc.sourceIdentity());
    } else {
      b.absent("aws:SourceIdentity", "no source identity set on the session");
    }
    federatedProvider(b, p, u, sc);

    // --- service on behalf
    if (service) {
      b.put("aws:PrincipalIsAWSService", "true");
      if (invokedBy != null) {
        b.put("aws:PrincipalServiceName", invokedBy);
      }
      b.missing("aws:SourceArn", "the resource on whose behalf the service called is not logged");
      b.missing("aws:SourceAccount", "the account on whose behalf the service called is not logged");
      b.missing("aws:SourceOrgID", "the organization on whose behalf the service called is not logged");
      b.missing("aws:SourceOrgPaths", "the organization on whose behalf the service called is not logged");
      b.missing("aws:PrincipalServiceNamesList", "the list of the service's principal names is not logged");
    } else if (u != null) {
      b.put("aws:PrincipalIsAWSService", "false");
      if (forwarded && serviceLinkedRole(u)) {
        // IAM User Guide: aws:ViaAWSService is false, and aws:CalledVia* absent, when the service calls
        // with a service role or service-linked role of its own
        b.put("aws:ViaAWSService", "false");
        b.absent("aws:CalledVia", invokedBy + " called with its service-linked role, not with a principal's credentials");
        b.absent("aws:CalledViaFirst", invokedBy + " called with its service-linked role");
        b.absent("aws:CalledViaLast", invokedBy + " called with its service-linked role");
      } else if (forwarded && (p.type() == PrincipalType.IAM_USER || p.type() == PrincipalType.ROOT)) {
        // a user's own identity with invokedBy: the service forwarded the user's credentials
        b.put("aws:ViaAWSService", "true");
        String chain = "CloudTrail logs only the last service (invokedBy=" + invokedBy + "), not the whole aws:CalledVia chain";
        if (invokedBy.endsWith(".amazonaws.com")) {
          // the service that made the call is in the chain: a condition asking for it holds, and the key is present
          b.missingHolding("aws:CalledVia", invokedBy, chain);
        } else {
          b.missing("aws:CalledVia", chain);
        }
        b.missing("aws:CalledViaFirst", "CloudTrail logs only the last service (invokedBy=" + invokedBy + ")");
        if (invokedBy.endsWith(".amazonaws.com")) {
          b.put("aws:CalledViaLast", invokedBy);
        } else {
          b.missing("aws:CalledViaLast", "invokedBy is '" + invokedBy + "', not a service principal name");
        }
      } else if (forwarded) {
        String why = invokedBy + " made the call as this role session: with the session's credentials forwarded"
            + " (aws:ViaAWSService true) or as a service role of its own (false); the log does not say which";
        b.missing("aws:ViaAWSService", why);
        b.missing("aws:CalledVia", why);
        b.missing("aws:CalledViaFirst", why);
        b.missing("aws:CalledViaLast", why);
      } else if (ip != null && (ip.endsWith(".amazonaws.com") || ip.startsWith("AWS Internal"))) {
        // CloudTrail, sourceIPAddress: "For services in AWS, only the DNS name is displayed" - a service sent this
        // request, with the principal's credentials or not: the record does not say (no invokedBy)
        String why = "sourceIPAddress is '" + ip + "': an AWS service sent the request, and the record (no invokedBy)"
            + " does not say whether on the principal's behalf";
        b.missing("aws:ViaAWSService", why);
        b.missing("aws:CalledVia", why);
        b.missing("aws:CalledViaFirst", why);
        b.missing("aws:CalledViaLast", why);
      } else {
        b.put("aws:ViaAWSService", "false");
        b.absent("aws:CalledVia", "not made through an AWS service (no invokedBy)");
      }
      // IAM User Guide, aws:SourceAccount / aws:SourceArn / aws:SourceOrgID: present only when a service principal
      // calls on behalf of a resource's owner, never for a call signed with a principal's credentials, even one a
      // service made with them (invokedBy)
      String signed = "signed with a principal's credentials, not a service principal's on behalf of a resource";
      b.absent("aws:SourceAccount", signed);
      b.absent("aws:SourceArn", signed);
      b.absent("aws:SourceOrgID", signed);
      b.absent("aws:SourceOrgPaths", signed);
    }

    // --- principal
    principalKeys(b, p, u);
    instanceCredentialKeys(b, p, u);

    // --- resource
    if (r.resourceAccount() != null) {
      b.put("aws:ResourceAccount", r.resourceAccount());
      if (isS3(e)) {
        b.put("s3:ResourceAccount", r.resourceAccount());
      }
    } else {
      b.missing("aws:ResourceAccount", "the account owning the resource is not logged");
    }
    b.missing("aws:ResourceTag/*", "resource tags are not in CloudTrail records");
    b.missing("aws:ResourceOrgID", "organization of the resource account is not logged");
    b.missing("aws:ResourceOrgPaths", "organization of the resource account is not logged");

    // --- request tags
    requestTags(b, d, m);

    // --- service specific
    if (isS3(e)) {
      s3Keys(b, d, m);
    }
    if ("ec2-instance-connect.amazonaws.com".equals(e.eventSource())) {
      // EC2 Instance Connect: ec2:osuser is the OS user the key is pushed for (the request's instanceOSUser)
      String osUser = d.request() == null ? null : Principals.text(d.request().get("instanceOSUser"));
      if (osUser != null) {
        b.put("ec2:osuser", osUser);
      } else {
        b.missing("ec2:osuser", "the record carries no instanceOSUser");
      }
    }
    if (m.actions().contains("s3express:CreateSession")) {
      // S3 User Guide, "CreateSession": the session's mode is the x-amz-create-session-mode header, which the record
      // carries; without it S3 tries ReadWrite and falls back to ReadOnly, so which mode was asked is not shown
      String mode = d.request() == null ? null : Principals.text(d.request().get("x-amz-create-session-mode"));
      if (mode != null && !mode.isBlank() && "CreateSession".equals(e.eventName())) {
        b.put("s3express:SessionMode", mode);
      } else if (S3X_WRITES.contains(e.eventName())) {
        b.put("s3express:SessionMode", "ReadWrite"); // a ReadOnly session cannot write
      } else {
        b.missing("s3express:SessionMode", "CreateSession".equals(e.eventName())
            ? "the record carries no x-amz-create-session-mode" : "the mode of the session this call used is not in its record");
      }
    }
    if (m.actions().contains("iam:PassRole")) {
      // the service that will assume the role: ECS tasks' roles are assumed by ecs-tasks.amazonaws.com
      String src = "ecs.amazonaws.com".equals(e.eventSource()) ? "ecs-tasks.amazonaws.com" : e.eventSource();
      b.put("iam:PassedToService", src);
      b.notes.add("iam:PassedToService taken as the service that assumes the role (" + src + ")");
    }
    if ("sts.amazonaws.com".equals(e.eventSource())) {
      stsKeys(b, d);
      if ("AssumeRoleWithWebIdentity".equals(e.eventName())) {
        webIdentityKeys(b, d, u);
      } else if ("AssumeRoleWithSAML".equals(e.eventName())) {
        samlKeys(b, d);
      }
    }
    if ("ec2.amazonaws.com".equals(e.eventSource())) {
      if (d.request() != null && d.request().path("tagSpecificationSet").path("items").isArray()
          && d.request().path("tagSpecificationSet").path("items").size() > 0) {
        b.put("ec2:CreateAction", e.eventName()); // tags on create: ec2:CreateTags is checked with the creating action's name
      } else if ("CreateTags".equals(e.eventName())) {
        b.absent("ec2:CreateAction", "a CreateTags call made directly, not by a creating action");
      }
      if (e.awsRegion() != null) {
        b.put("ec2:Region", e.awsRegion()); // the Region of the request (Service Authorization Reference, EC2)
      }
      // keys of the resource a creating call makes, from the request (Service Authorization Reference, Amazon EC2)
      if ("RunInstances".equals(e.eventName()) && d.req("instanceType") != null) {
        b.put("ec2:InstanceType", d.req("instanceType"));
      }
      if ("RunInstances".equals(e.eventName()) && d.req("subnetId") != null && e.awsRegion() != null && e.recipientAccountId() != null) {
        b.put("ec2:Subnet", "arn:" + Principals.partitionOfRegion(e.awsRegion()) + ":ec2:" + e.awsRegion() + ":"
            + e.recipientAccountId() + ":subnet/" + d.req("subnetId"));
      }
      if ("CreateVolume".equals(e.eventName())) {
        if (d.req("size") != null) {
          b.put("ec2:VolumeSize", d.req("size"));
        }
        if (d.req("volumeType") != null) {
          b.put("ec2:VolumeType", d.req("volumeType"));
        }
        // without the parameter a volume is still encrypted when the account encrypts by default, which no log shows
        if (d.req("encrypted") != null) {
          b.put("ec2:Encrypted", d.req("encrypted"));
        }
      }
      if ("CreateVpcPeeringConnection".equals(e.eventName())) {
        peeringVpcs(b, d, e);
      }
    }
    if ("iam.amazonaws.com".equals(e.eventSource()) && d.request() != null) {
      copy(b, d.request(), "permissionsBoundary", "iam:PermissionsBoundary"); // CreateUser, CreateRole, Put*PermissionsBoundary
      if (Principals.text(d.request().get("permissionsBoundary")) == null && java.util.Set.of("CreateUser", "CreateRole",
          "PutUserPermissionsBoundary", "PutRolePermissionsBoundary").contains(e.eventName())) {
        // the request parameters are logged whole: a call that sets no boundary has the key absent
        b.absent("iam:PermissionsBoundary", "the request sets no permissions boundary");
      }
      copy(b, d.request(), "policyArn", "iam:PolicyARN"); // Attach*Policy, Detach*Policy
      if ("CreateServiceLinkedRole".equals(e.eventName())) {
        copy(b, d.request(), "aWSServiceName", "iam:AWSServiceName"); // the service the role is for
      }
      if ("GenerateOrganizationsAccessReport".equals(e.eventName())) {
        copy(b, d.request(), "organizationsPolicyId", "iam:OrganizationsPolicyId");
        if (Principals.text(d.request().get("organizationsPolicyId")) == null) {
          b.absent("iam:OrganizationsPolicyId", "the request names no organization policy");
        }
      }
    }
    if ("kms.amazonaws.com".equals(e.eventSource())) {
      kmsKeys(b, d, p, invokedBy, e.awsRegion());
    }
    if (d.request() != null) {
      requestKeys(b, d, e);
    }

    List<String> actions = m.authorization() == Authorization.IAM ? m.actions() : m.nominalActions();
    if (m.authorization() == Authorization.UNKNOWN) {
      b.notes.add("action unknown: " + String.join("; ", m.notes()));
    } else if (m.authorization() == Authorization.NOT_DENIABLE) {
      b.notes.add("no IAM policy can deny this call");
    }
    return new DerivedRequest(e.eventId(), policyPrincipal(e, d, p, u), actions, r.arns(), r.resourceAccount(), b.ctx,
        b.missing, b.absent, r.unknownReason(), b.notes, m.authorization());
  }

  /**
   * The caller as a trust policy's Principal element names it. A web identity or SAML federation
   * call is made by no IAM identity: AWS matches its identity provider, {@code "Federated":} an
   * IAM OIDC provider's ARN, a built-in provider's host ({@code cognito-identity.amazonaws.com},
   * {@code accounts.google.com}, ...) or a SAML provider's ARN (IAM User Guide, "AWS JSON policy
   * elements: Principal", federated principals). CloudTrail logs the web identity provider as
   * {@code responseElements.provider} and {@code userIdentity.identityProvider}, the SAML provider
   * as {@code requestParameters.principalArn}. Every other caller is its ARN.
   */
  private static String policyPrincipal(CloudTrailEvent e, EventDocs d, Principal p, UserIdentity u) {
    if (p.type() == PrincipalType.WEB_IDENTITY_USER) {
      String provider = webIdentityProvider(d, u);
      return provider != null ? provider : p.arn();
    }
    if (p.type() == PrincipalType.SAML_USER && d.request() != null) {
      String provider = Principals.text(d.request().get("principalArn"));
      return provider != null && provider.contains(":saml-provider/") ? provider : p.arn();
    }
    return p.arn();
  }

  private static String webIdentityProvider(EventDocs d, UserIdentity u) {
    String provider = d.response() == null ? null : Principals.text(d.response().get("provider"));
    if (provider == null && u != null) {
      provider = Principals.blankToNull(u.identityProvider());
    }
    return provider;
  }

  /** Providers whose tokens AWS reads under other key names (app_id, user_id, id): left unknown. */
  private static final java.util.Set<String> OTHER_CLAIM_KEYS = java.util.Set.of("www.amazon.com", "graph.facebook.com");

  /**
   * The claims of the web identity token a trust policy may test: {@code PROVIDER:sub} and
   * {@code PROVIDER:aud}, PROVIDER being an IAM OIDC provider's URL without https:// (its ARN's
   * part after oidc-provider/) or a built-in provider's host. CloudTrail logs the token's sub
   * claim ({@code responseElements.subjectFromWebIdentityToken}; {@code userIdentity.userName}
   * holds it too) and its audience, the client ID ({@code responseElements.audience}; the middle of
   * {@code principalId}, which is provider:audience:sub). Other claims ({@code amr}, GitHub's
   * {@code job_workflow_ref}, ...) are not logged: unknown.
   */
  private static void webIdentityKeys(B b, EventDocs d, UserIdentity u) {
    webIdentityClaims(d, u).forEach(b::put);
  }

  /**
   * The token claims {@link #webIdentityKeys} reads from an AssumeRoleWithWebIdentity record, by key
   * ({@code PROVIDER:sub}, {@code PROVIDER:aud}); empty when the record names no provider whose claims
   * AWS keys this way. The session's later calls carry them too: a role's policies may name
   * {@code ${cognito-identity.amazonaws.com:sub}} (IAM User Guide, "IAM policy elements: Variables and
   * tags", and its Amazon Cognito S3 example).
   */
  public static Map<String, String> webIdentityClaims(CloudTrailEvent e) {
    return webIdentityClaims(new EventDocs(e), e.userIdentity());
  }

  private static Map<String, String> webIdentityClaims(EventDocs d, UserIdentity u) {
    String provider = webIdentityProvider(d, u);
    if (provider == null) {
      return Map.of();
    }
    int at = provider.indexOf(":oidc-provider/");
    String prefix = provider.startsWith("arn:") ? (at < 0 ? null : provider.substring(at + ":oidc-provider/".length())) : provider;
    if (prefix == null || prefix.isEmpty() || OTHER_CLAIM_KEYS.contains(prefix)) {
      return Map.of();
    }
    JsonNode resp = d.response();
    String sub = resp == null ? null : Principals.text(resp.get("subjectFromWebIdentityToken"));
    if (sub == null && u != null) {
      sub = Principals.blankToNull(u.userName());
    }
    String aud = resp == null ? null : Principals.text(resp.get("audience"));
    String principalId = u == null ? null : Principals.blankToNull(u.principalId());
    if (aud == null && sub != null && principalId != null && principalId.startsWith(provider + ":")
        && principalId.endsWith(":" + sub) && principalId.length() > provider.length() + sub.length() + 2) {
      aud = principalId.substring(provider.length() + 1, principalId.length() - sub.length() - 1);
    }
    Map<String, String> claims = new java.util.LinkedHashMap<>();
    if (sub != null) {
      claims.put(prefix + ":sub", sub);
    }
    if (aud != null) {
      claims.put(prefix + ":aud", aud);
    }
    return java.util.Collections.unmodifiableMap(claims);
  }

  /**
   * {@code ec2:RequesterVpc} and {@code ec2:AccepterVpc} of a CreateVpcPeeringConnection: the VPCs the request names, the
   * accepter's in {@code peerOwnerId}'s account (the requester's when absent) and {@code peerRegion} (the request's when
   * absent), as the EC2 API Reference defines PeerOwnerId and PeerRegion.
   */
  private static void peeringVpcs(B b, EventDocs d, CloudTrailEvent e) {
    String region = e.awsRegion();
    String account = e.recipientAccountId();
    if (region == null || account == null) {
      return;
    }
    String partition = Principals.partitionOfRegion(region);
    String vpc = d.req("vpcId");
    if (vpc != null) {
      b.put("ec2:RequesterVpc", "arn:" + partition + ":ec2:" + region + ":" + account + ":vpc/" + vpc);
    }
    String peer = d.req("peerVpcId");
    if (peer != null) {
      String owner = d.req("peerOwnerId") != null ? d.req("peerOwnerId") : account;
      String peerRegion = d.req("peerRegion") != null ? d.req("peerRegion") : region;
      b.put("ec2:AccepterVpc", "arn:" + partition + ":ec2:" + peerRegion + ":" + owner + ":vpc/" + peer);
    }
  }

  /**
   * The SAML assertion's values a trust policy may test, from what STS returned (AssumeRoleWithSAML
   * response: Audience is the assertion's Recipient, which saml:aud holds; Subject, SubjectType,
   * Issuer, NameQualifier). A refused call has no response: the keys stay unknown.
   */
  private static void samlKeys(B b, EventDocs d) {
    JsonNode resp = d.response();
    if (resp == null) {
      return;
    }
    copy(b, resp, "audience", "saml:aud");
    copy(b, resp, "subject", "saml:sub");
    copy(b, resp, "subjectType", "saml:sub_type");
    copy(b, resp, "issuer", "saml:iss");
    copy(b, resp, "nameQualifier", "saml:namequalifier");
  }

  /**
   * {@code aws:AssumedRoot}: true for a short-term root session from sts:AssumeRoot, which CloudTrail marks with
   * {@code sessionContext.assumedRoot: "true"}; absent for every other caller. A root record with a temporary key and
   * no session context (a partial export) may be either.
   */
  private static void assumedRootKey(B b, Principal p, UserIdentity u) {
    io.github.trailbench.core.model.SessionContext sc = u.sessionContext();
    if (p.type() == PrincipalType.ROOT && sc != null && sc.assumedRoot()) {
      b.put("aws:AssumedRoot", "true");
    } else if (p.type() == PrincipalType.ROOT && sc == null && u.accessKeyId() != null && u.accessKeyId().startsWith("ASIA")) {
      b.missing("aws:AssumedRoot", "a root call with temporary credentials whose session context is not in the record:"
          + " whether they came from sts:AssumeRoot is not shown");
    } else {
      b.absent("aws:AssumedRoot", p.type() == PrincipalType.ROOT ? "not a root session from sts:AssumeRoot (the record"
          + " does not mark it assumedRoot)" : "AWS sets aws:AssumedRoot only for root sessions from sts:AssumeRoot");
    }
  }

  /** A directory bucket's Zonal calls that only a ReadWrite session may make. */
  private static final java.util.Set<String> S3X_WRITES = java.util.Set.of("PutObject", "DeleteObject", "DeleteObjects",
      "CreateMultipartUpload", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "AbortMultipartUpload");

  private void principalKeys(B b, Principal p, UserIdentity u) {
    if (u == null) {
      b.missing("aws:PrincipalArn", "userIdentity not logged");
      return;
    }
    String principalArn = switch (p.type()) {
      case ASSUMED_ROLE -> p.issuerArn(); // AWS uses the role ARN, not the session ARN
      case IAM_USER, ROOT, FEDERATED_USER -> p.arn();
      default -> null;
    };
    if (principalArn != null) {
      b.put("aws:PrincipalArn", principalArn);
    } else if (p.type() == PrincipalType.ASSUMED_ROLE) {
      b.missing("aws:PrincipalArn", "sessionIssuer (the role ARN) not logged");
    }
    if (p.accountId() != null && p.type() != PrincipalType.AWS_SERVICE) {
      b.put("aws:PrincipalAccount", p.accountId());
    }
    String type = p.policyPrincipalType();
    if (type != null) {
      b.put("aws:PrincipalType", type);
    }
    if (u.principalId() != null && p.type() != PrincipalType.AWS_SERVICE) {
      b.put("aws:userid", p.type() == PrincipalType.ROOT ? p.accountId() : u.principalId());
    }
    if (p.type() == PrincipalType.IAM_USER && p.name() != null) {
      b.put("aws:username", p.name());
    } else {
      b.absent("aws:username", "AWS sets aws:username only for IAM users");
    }
    assumedRootKey(b, p, u);
    if (p.type() == PrincipalType.AWS_SERVICE) {
      // IAM User Guide, aws:PrincipalOrgID: present "only if the principal is a member of an organization"; a service
      // principal belongs to none (a perimeter that tests only this key refuses CloudTrail's own delivery)
      b.absent("aws:PrincipalOrgID", "a service principal is no member of an organization");
      b.absent("aws:PrincipalOrgPaths", "a service principal is no member of an organization");
      return;
    }
    b.missing("aws:PrincipalOrgID", "organization membership is not logged");
    b.missing("aws:PrincipalOrgPaths", "organization membership is not logged");
    String tagged = p.type() == PrincipalType.IAM_USER ? p.arn()
        : p.type() == PrincipalType.ASSUMED_ROLE ? p.issuerArn() : null;
    Optional<Map<String, String>> t = tagged == null ? Optional.empty() : tags.tagsOf(tagged);
    if (t.isPresent() && p.type() == PrincipalType.ASSUMED_ROLE) {
      // a session's principal tags are its role's tags overridden by the session tags passed when it was
      // issued, which this event does not show: a role tag from IAM data is no session's known value
      b.missing("aws:PrincipalTag/*", "the role's tags are in the IAM data, but session tags passed when the"
          + " session was issued override them and are not in this event");
    } else if (t.isPresent()) {
      t.get().forEach((k, v) -> b.put("aws:PrincipalTag/" + k, v));
      b.absent("aws:PrincipalTag/*", "the case's IAM data lists the user's tags, and this one is not among them");
    } else {
      b.missing("aws:PrincipalTag/*", "principal tags are not in CloudTrail records (no IAM data"
          + " for " + (tagged == null ? "this principal" : tagged) + ")");
    }
  }

  /** A DNS name as route53:ChangeResourceRecordSetsNormalizedRecordNames holds it needs no escaping. */
  private static final java.util.regex.Pattern PLAIN_DNS_NAME = java.util.regex.Pattern.compile("[a-z0-9*_.-]+");

  /**
   * The keys of ChangeResourceRecordSets (Route 53 Developer Guide, "Using IAM policy conditions for fine-grained access
   * control"), each holding every change's value: {@code route53:ChangeResourceRecordSetsActions} (CREATE, UPSERT,
   * DELETE), {@code …RecordTypes} and {@code …NormalizedRecordNames} ("All letters must be lowercase. The DNS name must
   * be without the trailing dot"). A name with other characters, which the key holds escaped, leaves that key unknown.
   */
  private static void recordSetKeys(B b, JsonNode req) {
    JsonNode changes = req.path("changeBatch").path("changes");
    if (!changes.isArray() || changes.isEmpty()) {
      return;
    }
    java.util.Set<String> actions = new java.util.LinkedHashSet<>();
    java.util.Set<String> types = new java.util.LinkedHashSet<>();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    boolean unreadName = false;
    for (JsonNode change : changes) {
      String action = Principals.text(change.get("action"));
      JsonNode set = change.path("resourceRecordSet");
      String type = Principals.text(set.get("type"));
      String name = Principals.text(set.get("name"));
      if (action == null || type == null || name == null) {
        return; // a change the record does not show whole: none of the keys is known
      }
      actions.add(action.toUpperCase(Locale.ROOT));
      types.add(type.toUpperCase(Locale.ROOT));
      String normalized = name.toLowerCase(Locale.ROOT);
      normalized = normalized.endsWith(".") ? normalized.substring(0, normalized.length() - 1) : normalized;
      if (PLAIN_DNS_NAME.matcher(normalized).matches()) {
        names.add(normalized);
      } else {
        unreadName = true;
      }
    }
    b.ctx.put("route53:ChangeResourceRecordSetsActions", new ArrayList<>(actions));
    b.ctx.put("route53:ChangeResourceRecordSetsRecordTypes", new ArrayList<>(types));
    if (unreadName) {
      b.missing("route53:ChangeResourceRecordSetsNormalizedRecordNames", "a record name holds characters the key holds"
          + " escaped, which the replay does not write");
    } else {
      b.ctx.put("route53:ChangeResourceRecordSetsNormalizedRecordNames", new ArrayList<>(names));
    }
  }

  /** The keys AWS adds to a request signed with an EC2 instance's role credentials, in every service. */
  public static final List<String> INSTANCE_CREDENTIAL_KEYS = List.of("ec2:RoleDelivery", "ec2:SourceInstanceARN",
      "aws:Ec2InstanceSourceVpc", "aws:Ec2InstanceSourcePrivateIPv4");

  /**
   * IAM User Guide, global condition keys: {@code aws:Ec2InstanceSourceVpc}, {@code aws:Ec2InstanceSourcePrivateIPv4},
   * {@code ec2:SourceInstanceARN} and {@code ec2:RoleDelivery} are in a request signed with credentials an EC2
   * instance's metadata service delivered, whatever the service, and in no other. CloudTrail marks such a session
   * with {@code sessionContext.ec2RoleDelivery} (the IMDS version): then the version is known and the other three are
   * present with values the log does not show (the instance's Region, VPC and address). An IAM user's or the root
   * user's request carries none of them. A role session without the mark is left to {@link Explainer}: older records
   * do not carry it, unless the case holds the STS call that issued the session's key.
   */
  private static void instanceCredentialKeys(B b, Principal p, UserIdentity u) {
    SessionContext sc = u == null ? null : u.sessionContext();
    String delivery = sc == null ? null : sc.ec2RoleDelivery();
    if (delivery != null) {
      b.put("ec2:RoleDelivery", delivery);
      b.missingPresent("ec2:SourceInstanceARN", "an instance's credentials: the instance's ARN is in the request, but its"
          + " Region is not logged");
      b.missingPresent("aws:Ec2InstanceSourceVpc", "an instance's credentials: the instance's VPC is not logged");
      b.missingPresent("aws:Ec2InstanceSourcePrivateIPv4", "an instance's credentials: the instance's private address is"
          + " not logged");
      return;
    }
    if (p.type() == PrincipalType.IAM_USER || p.type() == PrincipalType.ROOT) {
      INSTANCE_CREDENTIAL_KEYS.forEach(k -> b.absent(k, "not signed with an EC2 instance's role credentials"));
    }
  }

  private static void requestTags(B b, EventDocs d, ActionMapping m) {
    JsonNode req = d.request();
    Map<String, String> found = new LinkedHashMap<>();
    List<String> untagged = new ArrayList<>();
    if (req != null) {
      collectTags(req.get("tags"), found);
      collectTags(req.get("Tags"), found);
      collectTags(req.get("principalTags"), found); // session tags an IdP passed (AssumeRoleWithSAML, …WithWebIdentity)
      collectTags(req.get("tagSet"), found); // EC2 CreateTags, DeleteTags: {"items":[{"key","value"}]}
      // untag calls pass keys only (IAM UntagRole, UntagResource …): aws:TagKeys, no aws:RequestTag
      for (String field : new String[] {"tagKeys", "TagKeys"}) {
        JsonNode keys = req.get(field);
        if (keys != null && keys.isArray()) {
          keys.forEach(k -> {
            if (k.isTextual()) {
              untagged.add(k.asText());
            }
          });
        }
      }
      JsonNode specs = req.path("tagSpecificationSet").path("items");
      if (specs.isArray()) {
        for (JsonNode s : specs) {
          collectTags(s.path("tags"), found);
        }
      }
    }
    if (!found.isEmpty()) {
      found.forEach((k, v) -> b.put("aws:RequestTag/" + k, v));
      b.ctx.put("aws:TagKeys", new ArrayList<>(found.keySet()));
      // every tag of the request is in requestParameters: another tag key is not in it
      b.absent("aws:RequestTag/*", "the request's tags are all in requestParameters, and this one is not among them");
    } else if (!untagged.isEmpty()) {
      b.ctx.put("aws:TagKeys", untagged);
      b.absent("aws:RequestTag/*", "an untag call passes tag keys only");
    } else if (req == null) {
      b.missing("aws:RequestTag/*", "requestParameters not logged");
      b.missing("aws:TagKeys", "requestParameters not logged");
    } else {
      b.absent("aws:RequestTag/*", "no tags in requestParameters");
      b.absent("aws:TagKeys", "no tags in requestParameters");
    }
  }

  private static void collectTags(JsonNode n, Map<String, String> out) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return;
    }
    if (n.isObject() && n.has("items")) {
      collectTags(n.get("items"), out);
      return;
    }
    if (n.isArray()) {
      for (JsonNode t : n) {
        // KMS logs {"tagKey", "tagValue"} (CloudTrail log example of TagResource, CreateKey)
        String k = Principals.text(t.has("key") ? t.get("key") : t.has("Key") ? t.get("Key") : t.has("tagKey") ? t.get("tagKey")
            : t.get("TagKey"));
        String v = Principals.text(t.has("value") ? t.get("value") : t.has("Value") ? t.get("Value") : t.has("tagValue")
            ? t.get("tagValue") : t.get("TagValue"));
        if (k != null) {
          out.put(k, v == null ? "" : v);
        }
      }
    } else if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> en = it.next();
        out.put(en.getKey(), en.getValue().asText());
      }
    }
  }

  private static boolean isS3(CloudTrailEvent e) {
    return "s3.amazonaws.com".equals(e.eventSource());
  }

  private static void s3Keys(B b, EventDocs d, ActionMapping m) {
    accessPointKeys(b, d);
    JsonNode req = d.request();
    if (req != null) {
      // an empty prefix or delimiter is a value (a policy allowing s3:prefix "" lets the bucket's root be listed)
      copyText(b, req, "prefix", "s3:prefix");
      copyText(b, req, "delimiter", "s3:delimiter");
      copy(b, req, "max-keys", "s3:max-keys");
      copy(b, req, "versionId", "s3:VersionId");
      copy(b, req, "x-amz-acl", "s3:x-amz-acl");
      copy(b, req, "x-amz-copy-source", "s3:x-amz-copy-source");
      copy(b, req, "x-amz-server-side-encryption", "s3:x-amz-server-side-encryption");
      copy(b, req, "x-amz-server-side-encryption-aws-kms-key-id", "s3:x-amz-server-side-encryption-aws-kms-key-id");
      copy(b, req, "x-amz-storage-class", "s3:x-amz-storage-class");
      copy(b, req, "x-amz-metadata-directive", "s3:x-amz-metadata-directive");
      copy(b, req, "x-amz-object-ownership", "s3:x-amz-object-ownership");
      copy(b, req, "x-amz-grant-read", "s3:x-amz-grant-read");
      copy(b, req, "x-amz-grant-write", "s3:x-amz-grant-write");
      copy(b, req, "x-amz-grant-full-control", "s3:x-amz-grant-full-control");
      if (m.baseName() != null && m.baseName().startsWith("ListObjects") && !req.has("prefix")) {
        b.absent("s3:prefix", "no prefix in the request");
      }      objectTags(b, req);
    }
    JsonNode add = d.additional();
    if (add != null) {
      String auth = Principals.text(add.get("AuthenticationMethod"));
      if ("AuthHeader".equals(auth)) {
        b.put("s3:authType", "REST-HEADER");
      } else if ("QueryString".equals(auth)) {
        b.put("s3:authType", "REST-QUERY-STRING");
      }
      String sig = Principals.text(add.get("SignatureVersion"));
      if ("SigV4".equals(sig)) {
        b.put("s3:signatureversion", "AWS4-HMAC-SHA256");
      } else if ("SigV2".equals(sig)) {
        b.put("s3:signatureversion", "AWS");
      }
    } else {
      b.missing("s3:authType", "additionalEventData not logged");
    }
    if (m.actions().stream().anyMatch(a -> a.contains("Object"))) {
      b.missing("s3:ExistingObjectTag/*", "object tags are not in CloudTrail records");
    }
    b.missing("aws:Referer", "the HTTP Referer header is not logged");
  }

  /**
   * s3:DataAccessPointArn, s3:DataAccessPointAccount and s3:AccessPointNetworkOrigin are set only on
   * requests made through an access point (S3 User Guide, "Configuring IAM policies for using access
   * points": requests not made through one "continue to work as before"); see {@link S3AccessPoints}.
   * Without one, the keys are absent. Through a regional access point the record names, the first two
   * are its ARN and account; its network origin (Internet or VPC) is its configuration, not in the
   * log, so unknown. Through one it does not name exactly (a Multi-Region or Object Lambda access
   * point), all three stay unknown.
   */
  private static void accessPointKeys(B b, EventDocs d) {
    boolean through = S3AccessPoints.through(d.event(), d);
    String ap = through ? S3AccessPoints.arn(d.event(), d) : null;
    JsonNode req = d.request();
    String host = req == null ? null : Principals.text(req.get("Host"));
    if (ap != null) {
      b.put("s3:DataAccessPointArn", ap);
      b.put("s3:DataAccessPointAccount", io.github.trailbench.core.model.Arn.accountOf(ap));
      b.missing("s3:AccessPointNetworkOrigin", "made through access point " + ap
          + ": whether it takes requests from the Internet or a VPC is its configuration, not in the log");
      return;
    }
    String[] keys = {"s3:DataAccessPointArn", "s3:DataAccessPointAccount", "s3:AccessPointNetworkOrigin"};
    for (String k : keys) {
      if (through) {
        b.missing(k, "made through an S3 access point" + (host == null ? "" : " (" + host + ")")
            + " the record does not name exactly (a Multi-Region or Object Lambda access point)");
      } else {
        b.absent(k, "not made through an S3 access point (the record names none" + (host == null ? "" : "; Host " + host) + ")");
      }
    }
  }

  private static void stsKeys(B b, EventDocs d) {
    JsonNode req = d.request();
    if (req == null) {
      return;
    }
    copy(b, req, "roleSessionName", "sts:RoleSessionName");
    copy(b, req, "sourceIdentity", "sts:SourceIdentity");
    copy(b, req, "externalId", "sts:ExternalId");
    JsonNode t = req.get("transitiveTagKeys");
    if (t != null && t.isArray() && t.size() > 0) {
      List<String> keys = new ArrayList<>();
      t.forEach(x -> keys.add(x.asText()));
      b.ctx.put("sts:TransitiveTagKeys", keys);
    }
  }

  /** Whether the caller is a session of a service-linked role (path /aws-service-role/, name AWSServiceRoleFor…). */
  private static boolean serviceLinkedRole(UserIdentity u) {
    String arn = u.arn() == null ? "" : u.arn();
    String issuer = u.sessionContext() == null || u.sessionContext().sessionIssuer() == null ? ""
        : String.valueOf(u.sessionContext().sessionIssuer().arn());
    return issuer.contains(":role/aws-service-role/") || arn.contains(":assumed-role/AWSServiceRoleFor");
  }

  private static void kmsKeys(B b, EventDocs d, Principal p, String invokedBy, String region) {
    JsonNode req = d.request();
    if (req != null) {
      JsonNode ec = req.get("encryptionContext");
      if (ec != null && ec.isObject()) {
        List<String> keys = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = ec.fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> en = it.next();
          b.put("kms:EncryptionContext:" + en.getKey(), en.getValue().asText());
          keys.add(en.getKey());
        }
        b.ctx.put("kms:EncryptionContextKeys", keys);
      }
      copy(b, req, "encryptionAlgorithm", "kms:EncryptionAlgorithm");
      // the alias the request named ("alias/finance" or its ARN): kms:RequestAlias (Using aliases to control access)
      String keyId = Principals.text(req.get("keyId"));
      if (keyId != null && (keyId.startsWith("alias/") || keyId.contains(":alias/"))) {
        b.put("kms:RequestAlias", keyId.substring(keyId.indexOf("alias/")));
      } else if (keyId != null) {
        b.absent("kms:RequestAlias", "the request names the key, not an alias");
      }
      // CreateGrant's parameters are its condition keys (Grant authorization)
      copy(b, req, "granteePrincipal", "kms:GranteePrincipal");
      copy(b, req, "retiringPrincipal", "kms:RetiringPrincipal");
      JsonNode ops = req.get("operations");
      if (ops != null && ops.isArray()) {
        List<String> list = new ArrayList<>();
        ops.forEach(o -> list.add(o.asText()));
        b.ctx.put("kms:GrantOperations", list);
      }
    }
    if (p.accountId() != null) {
      b.put("kms:CallerAccount", p.accountId());
    }
    if (invokedBy != null && invokedBy.endsWith(".amazonaws.com") && region != null
        && p.type() != PrincipalType.AWS_SERVICE) {
      String svc = invokedBy.substring(0, invokedBy.length() - ".amazonaws.com".length());
      b.put("kms:ViaService", svc + "." + region + ".amazonaws.com");
      b.notes.add("kms:ViaService built from invokedBy and the event's region");
    }
  }

  /** A text field as it is, an empty one included. */
  private static void copyText(B b, JsonNode req, String field, String key) {
    JsonNode v = req.get(field);
    if (v != null && v.isTextual()) {
      b.put(key, v.asText());
    }
  }

  /**
   * The object tags a request sets: the {@code x-amz-tagging} header of an upload ({@code k1=v1&k2=v2},
   * URL-encoded) or the TagSet of PutObjectTagging, as {@code s3:RequestObjectTag/<key>} and
   * {@code s3:RequestObjectTagKeys} (S3 User Guide, "Tagging and access control policies").
   */
  private static void objectTags(B b, JsonNode req) {
    Map<String, String> tags = new LinkedHashMap<>();
    String header = req.get("x-amz-tagging") != null && req.get("x-amz-tagging").isTextual() ? req.get("x-amz-tagging").asText() : null;
    if (header != null) {
      for (String pair : header.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
        tags.put(k, v);
      }
    }
    JsonNode set = req.path("Tagging").path("TagSet").path("Tag");
    // one tag is logged as an object, several as an array
    List<JsonNode> each = new ArrayList<>();
    if (set.isObject()) {
      each.add(set);
    } else if (set.isArray()) {
      set.forEach(each::add);
    }
    for (JsonNode t : each) {
      String k = Principals.text(t.get("Key"));
      if (k != null) {
        tags.put(k, t.path("Value").asText(""));
      }
    }
    if (tags.isEmpty()) {
      return;
    }
    tags.forEach((k, v) -> b.put("s3:RequestObjectTag/" + k, v));
    b.ctx.put("s3:RequestObjectTagKeys", new ArrayList<>(tags.keySet()));
    b.absent("s3:RequestObjectTag/*", "the request's object tags are all in requestParameters, and this one is not among them");
  }

  /**
   * Service keys whose value is a request parameter the log carries (Service Authorization
   * Reference, each service's condition keys). A parameter the request does not have leaves its
   * key unknown: what the key holds then is not documented.
   */
  private static void requestKeys(B b, EventDocs d, CloudTrailEvent e) {
    JsonNode req = d.request();
    String name = e.eventName() == null ? "" : e.eventName();
    switch (e.eventSource() == null ? "" : e.eventSource()) {
      case "ssm.amazonaws.com" -> {
        if (name.equals("GetParametersByPath")) {
          copy(b, req, "recursive", "ssm:Recursive");
        } else if (name.equals("PutParameter")) {
          copy(b, req, "overwrite", "ssm:Overwrite");
        }
      }
      case "organizations.amazonaws.com" -> {
        // Service Authorization Reference, AWS Organizations: the service a delegated administrator or trusted access
        // is for, and the policy type a call enables, disables or creates
        copy(b, req, "servicePrincipal", "organizations:ServicePrincipal");
        copy(b, req, "policyType", "organizations:PolicyType");
        if (name.equals("CreatePolicy")) {
          copy(b, req, "type", "organizations:PolicyType");
        }
      }
      case "route53.amazonaws.com" -> {
        if (name.equals("ChangeResourceRecordSets")) {
          recordSetKeys(b, req);
        }
      }
      case "secretsmanager.amazonaws.com" -> {
        String id = Principals.text(req.get("secretId"));
        if (id != null && ResourceArns.isFullSecretArn(id)) {
          b.put("secretsmanager:SecretId", id);
        }
        copy(b, req, "versionStage", "secretsmanager:VersionStage");
        copy(b, req, "versionId", "secretsmanager:VersionId");
        if (name.equals("PutResourcePolicy")) {
          JsonNode block = req.get("blockPublicPolicy");
          if (block != null && (block.isBoolean() || block.isTextual())) {
            b.put("secretsmanager:BlockPublicPolicy", block.asText());
          }
        }
      }
      case "lambda.amazonaws.com" -> {
        if (name.startsWith("AddPermission")) {
          copy(b, req, "principal", "lambda:Principal");
          copy(b, req, "functionUrlAuthType", "lambda:FunctionUrlAuthType");
        } else if (name.startsWith("CreateFunctionUrlConfig") || name.startsWith("UpdateFunctionUrlConfig")) {
          copy(b, req, "authType", "lambda:FunctionUrlAuthType");
        } else if (name.startsWith("CreateEventSourceMapping") || name.startsWith("UpdateEventSourceMapping")) {
          String function = ResourceArns.lambdaFunctionArn(d);
          if (function != null) {
            b.put("lambda:FunctionArn", function);
          }
        }
      }
      case "sns.amazonaws.com" -> {
        if (name.equals("Subscribe")) {
          copy(b, req, "protocol", "sns:Protocol");
          copy(b, req, "endpoint", "sns:Endpoint");
        }
      }
      case "events.amazonaws.com" -> {
        JsonNode targets = req.get("targets");
        if (name.equals("PutTargets") && targets != null && targets.isArray()) {
          List<String> arns = new ArrayList<>();
          targets.forEach(t -> {
            String arn = Principals.text(t.get("arn"));
            if (arn != null) {
              arns.add(arn);
            }
          });
          if (!arns.isEmpty() && arns.size() == targets.size()) {
            b.ctx.put("events:TargetArn", List.copyOf(arns));
          }
        }
      }
      case "ecs.amazonaws.com" -> {
        if (java.util.Set.of("RunTask", "StartTask", "ExecuteCommand", "StopTask", "DescribeTasks", "UpdateService",
            "CreateService", "DeleteService", "DescribeServices").contains(name)) {
          String cluster = ResourceArns.ecsClusterArn(d);
          if (cluster != null) {
            b.put("ecs:cluster", cluster); // the cluster the request names, "default" when it names none
          }
        }
        if (name.equals("ExecuteCommand")) {
          copy(b, req, "container", "ecs:container-name");
          String task = Principals.text(req.get("task"));
          if (task != null) {
            b.put("ecs:task", task);
          }
        }
      }
      case "eks.amazonaws.com" -> {
        copy(b, req, "type", "eks:accessEntryType");
        copy(b, req, "policyArn", "eks:policyArn");
        copy(b, req, "principalArn", "eks:principalArn");
        copy(b, req, "username", "eks:username");
      }
      case "bedrock.amazonaws.com" -> {
        // Bedrock User Guide, "Prerequisites for inference profiles": the bedrock:InferenceProfileArn key restricts a
        // foundation model to calls made through an inference profile; a call naming the model itself has none
        BedrockModels.Target target = BedrockModels.of(d);
        if (target != null && target.profile() && target.arn() != null) {
          b.put("bedrock:InferenceProfileArn", target.arn());
        } else if (target != null && target.kind() == BedrockModels.Kind.FOUNDATION_MODEL) {
          b.absent("bedrock:InferenceProfileArn", "the call names the foundation model itself, not an inference profile");
        }
      }
      default -> {
        // no request keys read for this service
      }
    }
  }

  private static void copy(B b, JsonNode req, String field, String key) {
    String v = Principals.text(req.get(field));
    if (v != null) {
      b.put(key, v);
    }
  }

  private static final class B {
    final Map<String, List<String>> ctx = new LinkedHashMap<>();
    final List<DerivedRequest.KeyNote> missing = new ArrayList<>();
    final List<DerivedRequest.KeyNote> absent = new ArrayList<>();
    final List<String> notes = new ArrayList<>();

    void put(String k, String v) {
      ctx.put(k, List.of(v));
    }

    void missing(String k, String reason) {
      if (!ctx.containsKey(k) && missing.stream().noneMatch(x -> x.key().equals(k))) {
        missing.add(new DerivedRequest.KeyNote(k, reason));
      }
    }

    /** A missing key the request carries, with a value the log does not show. */
    void missingPresent(String k, String reason) {
      if (!ctx.containsKey(k) && missing.stream().noneMatch(x -> x.key().equals(k))) {
        missing.add(DerivedRequest.KeyNote.presentUnknown(k, reason));
      }
    }

    /** A missing multivalued key known to hold {@code member} among values the log does not show. */
    void missingHolding(String k, String member, String reason) {
      if (!ctx.containsKey(k) && missing.stream().noneMatch(x -> x.key().equals(k))) {
        missing.add(new DerivedRequest.KeyNote(k, reason, java.util.Set.of(member)));
      }
    }

    void absent(String k, String reason) {
      if (!ctx.containsKey(k) && absent.stream().noneMatch(x -> x.key().equals(k))) {
        absent.add(new DerivedRequest.KeyNote(k, reason));
      }
    }
  }
}
