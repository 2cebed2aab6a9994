#!/usr/bin/env python3
"""Generate Trailbench's bundled sample incident case (synthetic data only).

Writes, relative to the samples/ directory (the parent of this script's folder):
  case/AWSLogs/111122223333/CloudTrail/<region>/2026/10/<dd>/*.json.gz   CloudTrail S3 export
  case/AWSLogs/111122223333/CloudTrail-Digest/<region>/2026/10/<dd>/*.json.gz
  case/iam/credential-report.csv
  case/iam/access-advisor.json
  case/iam/account-authorization-details.json
  case/org/organization.json
  case/policies/resource-policies.json
  simulate/*.json

Deterministic: fixed seeds (story event ids are derived from the step name, so they do
not move when background traffic changes), gzip with mtime=0, sorted output. Running it
twice yields byte-identical files. Python 3 standard library only.

  python3 samples/generator/make_sample.py [--out SAMPLES_DIR]
"""
import argparse
import csv
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import uuid
from datetime import datetime, timedelta, timezone

SEED = 20261003
UTC = timezone.utc

ACCT = "111122223333"
MGMT = "999900001111"
SANDBOX = "444455556666"
EXTERNAL = "777788889999"
ORG_ID = "o-a1b2c3d4e5"
HOME = "eu-west-1"
TRAIL = "acme-prod-trail"
TRAIL_ARN = f"arn:aws:cloudtrail:{HOME}:{ACCT}:trail/{TRAIL}"
TRAIL_BUCKET = "acme-prod-cloudtrail-logs"
CUSTOMER_BUCKET = "acme-prod-customer-data"
ARTIFACT_BUCKET = "acme-prod-artifacts"
KMS_KEY_ID = "3f9c2a71-5b8e-4d0a-9c61-7e2b4f8d1a05"
KMS_KEY_ARN = f"arn:aws:kms:{HOME}:{ACCT}:key/{KMS_KEY_ID}"
TRAIL_KMS_KEY_ID = "8d2e6b40-91c7-4f3a-a5d8-0c6e1f7b9a24"
TRAIL_KMS_KEY_ARN = f"arn:aws:kms:{HOME}:{ACCT}:key/{TRAIL_KMS_KEY_ID}"
INSTANCE_ID = "i-0a1b2c3d4e5f60718"
INSTANCE_PRIVATE_IP = "10.20.12.34"
VPCE_S3 = "vpce-0c4d5e6f7a8b9c0d1"
DETECTOR_ID = "5ec8a1f2b3c4d5e6f7a8b9c0d1e2f3a4"
SECRET_ARN = f"arn:aws:secretsmanager:{HOME}:{ACCT}:secret:prod/orders/db-Xq7LmB"
QUEUE_ARN = f"arn:aws:sqs:{HOME}:{ACCT}:orders-events"
QUEUE_URL = f"https://sqs.{HOME}.amazonaws.com/{ACCT}/orders-events"
TOPIC_ARN = f"arn:aws:sns:{HOME}:{ACCT}:orders-topic"
DDB_TABLE = "orders"

# IP addresses. 203.0.113.0/24 and 198.51.100.0/24 are RFC 5737 documentation ranges.
IP_ATTACKER = "203.0.113.77"
IP_OFFICE = "198.51.100.23"       # bob, office NAT
IP_ALICE = "198.51.100.41"        # alice, home / VPN
IP_ROOT = "198.51.100.41"
RUNNER_IPS = ["34.240.12.87", "52.49.201.14"]   # self-hosted CI runners on EC2, eu-west-1
INSTANCE_PUBLIC_IP = "52.212.44.19"

UA_RUNNER = ("aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.0-1014-aws md/arch#x86_64 "
             "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe "
             "md/distrib#ubuntu.22 md/prompt#off md/command#{cmd}")
UA_ATTACKER_CLI = "aws-cli/1.29.62 Python/3.9.18 Darwin/23.1.0 botocore/1.31.62"
UA_ATTACKER_BOTO = ("Boto3/1.28.85 md/Botocore#1.31.85 ua/2.0 os/macos#23.1.0 md/arch#arm64 "
                    "lang/python#3.9.18 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.85")
UA_INSTANCE = ("aws-sdk-java/2.25.60 Linux/6.1.97-104.177.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS "
               "Java/17.0.11 vendor/Amazon.com_Inc. exec-env/AWS_ECS_EC2 io/sync http/Apache cfg/retry-mode/legacy")
UA_LAMBDA = "Boto3/1.34.145 md/Botocore#1.34.145 ua/2.0 os/linux#5.10.223-232.851.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.4 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.145"
UA_BOB_CLI = "aws-cli/1.18.69 Python/3.8.10 Linux/5.15.0-122-generic botocore/1.16.19"
UA_BROWSER_ALICE = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36"
UA_BROWSER_BOB = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0"
UA_CONSOLE = "AWS Internal"


def stable_rnd(tag):
    return random.Random("trailbench-sample:" + tag)


def rid(prefix, name, n=17):
    r = stable_rnd("id:" + prefix + name)
    return prefix + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(n))


def akid(prefix, name):
    r = stable_rnd("key:" + prefix + name)
    return prefix + "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16))


def story_uuid(tag):
    return str(uuid.UUID(int=stable_rnd("event:" + tag).getrandbits(128), version=4))


def ts(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def T(s):
    return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


# ---------------------------------------------------------------- principals
USERS = {
    "alice": {"id": rid("AIDA", "alice"), "created": "2024-02-12T09:14:31Z"},
    "bob": {"id": rid("AIDA", "bob"), "created": "2024-06-03T11:02:07Z"},
    "ci-deploy": {"id": rid("AIDA", "ci-deploy"), "created": "2025-01-20T15:40:12Z"},
    "reports-legacy": {"id": rid("AIDA", "reports-legacy"), "created": "2023-11-07T08:21:44Z"},
    "svc-backup": {"id": rid("AIDA", "svc-backup"), "created": "2026-10-03T14:08:15Z"},
}
for _n, _u in USERS.items():
    _u["arn"] = f"arn:aws:iam::{ACCT}:user/{_n}"

KEY_CI = akid("AKIA", "ci-deploy-1")          # compromised
KEY_CI2 = akid("AKIA", "ci-deploy-2")         # rotated in on 2026-10-04
KEY_BOB = akid("AKIA", "bob-1")
KEY_BACKDOOR = akid("AKIA", "svc-backup-1")    # created by the attacker
KEY_OPS_SESSION = akid("ASIA", "opsadmin-ci-maint")

ROLES = {
    "OpsAdminRole": {"id": rid("AROA", "OpsAdminRole"), "path": "/", "created": "2024-03-01T10:00:00Z"},
    "DeployRole": {"id": rid("AROA", "DeployRole"), "path": "/", "created": "2025-01-20T15:52:40Z"},
    "OrgSecurityAdmin": {"id": rid("AROA", "OrgSecurityAdmin"), "path": "/", "created": "2024-02-12T09:30:00Z"},
    "app-server-role": {"id": rid("AROA", "app-server-role"), "path": "/", "created": "2024-04-18T13:11:09Z"},
    "orders-processor-role": {"id": rid("AROA", "orders-processor-role"), "path": "/service-role/", "created": "2024-05-02T16:45:51Z"},
    "dev-tools-role": {"id": rid("AROA", "dev-tools-role"), "path": "/", "created": "2025-03-10T10:20:00Z"},
    "AWSServiceRoleForSupport": {"id": rid("AROA", "AWSServiceRoleForSupport"), "path": "/aws-service-role/support.amazonaws.com/", "created": "2024-02-12T08:55:02Z"},
    "AWSServiceRoleForConfig": {"id": rid("AROA", "AWSServiceRoleForConfig"), "path": "/aws-service-role/config.amazonaws.com/", "created": "2024-02-12T10:02:13Z"},
}
for _n, _r in ROLES.items():
    _r["arn"] = f"arn:aws:iam::{ACCT}:role{_r['path']}{_n}"

MFA_ALICE = f"arn:aws:iam::{ACCT}:mfa/alice-yubikey"
MFA_ROOT = f"arn:aws:iam::{ACCT}:mfa/root-account-mfa-device"


# ---------------------------------------------------------------- policies
def doc(*stmts):
    return {"Version": "2012-10-17", "Statement": list(stmts)}


ADMIN_ACCESS = doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
POWER_USER = doc(
    {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"},
    {"Effect": "Allow", "Action": ["account:GetAccountInformation", "account:GetPrimaryEmail", "account:ListRegions",
                                   "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles",
                                   "organizations:DescribeOrganization"], "Resource": "*"})
LAMBDA_BASIC = doc({"Effect": "Allow", "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "*"})
SUPPORT_SLR = doc({"Sid": "AWSSupportAbbreviated", "Effect": "Allow",
                   "Action": ["iam:GetRole", "iam:ListRoles", "ec2:DescribeInstances", "s3:GetBucketLocation", "cloudtrail:DescribeTrails"],
                   "Resource": "*"})
CONFIG_SLR = doc({"Sid": "AWSConfigServiceRolePolicyAbbreviated", "Effect": "Allow",
                  "Action": ["ec2:Describe*", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:GetUser",
                             "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetEncryptionConfiguration", "kms:DescribeKey",
                             "lambda:GetFunction", "lambda:GetPolicy", "cloudtrail:DescribeTrails"],
                  "Resource": "*"})

CI_POLICY_V1 = doc(
    {"Sid": "AssumeDeployRole", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": ROLES["DeployRole"]["arn"]},
    {"Sid": "ArtifactUpload", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}/*"},
    {"Sid": "EcrPush", "Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                                     "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"], "Resource": "*"})
CI_POLICY_V2 = doc(
    {"Sid": "AssumeDeployRoles", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{ACCT}:role/*"},
    {"Sid": "ArtifactUpload", "Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}/*"},
    {"Sid": "ArtifactList", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}"},
    {"Sid": "BucketDiscovery", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
    {"Sid": "EcrPush", "Effect": "Allow", "Action": ["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload",
                                                     "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"], "Resource": "*"},
    {"Sid": "SmokeTests", "Effect": "Allow", "Action": ["ec2:DescribeInstances", "ec2:DescribeRegions"], "Resource": "*"},
    {"Sid": "ReleaseCheck", "Effect": "Allow", "Action": "cloudformation:DescribeStacks",
     "Resource": f"arn:aws:cloudformation:{HOME}:{ACCT}:stack/acme-*/*"})
DEPLOY_POLICY = doc(
    {"Sid": "EcsDeploy", "Effect": "Allow", "Action": ["ecs:RegisterTaskDefinition", "ecs:UpdateService", "ecs:DescribeServices",
                                                       "ecs:DescribeTaskDefinition", "ecs:DescribeClusters"], "Resource": "*"},
    {"Sid": "LambdaDeploy", "Effect": "Allow", "Action": ["lambda:UpdateFunctionCode", "lambda:GetFunctionConfiguration", "lambda:GetFunction",
                                                          "lambda:PublishVersion"], "Resource": f"arn:aws:lambda:{HOME}:{ACCT}:function:orders-*"},
    {"Sid": "Stacks", "Effect": "Allow", "Action": ["cloudformation:CreateChangeSet", "cloudformation:ExecuteChangeSet",
                                                    "cloudformation:DescribeChangeSet", "cloudformation:DescribeStacks"],
     "Resource": f"arn:aws:cloudformation:{HOME}:{ACCT}:stack/acme-*/*"},
    {"Sid": "StackResources", "Effect": "Allow", "Action": ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms"], "Resource": "*",
     "Condition": {"ForAnyValue:StringEquals": {"aws:CalledVia": ["cloudformation.amazonaws.com"]}}},
    {"Sid": "PassTaskRoles", "Effect": "Allow", "Action": "iam:PassRole", "Resource": ROLES["app-server-role"]["arn"],
     "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}},
    {"Sid": "Artifacts", "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}/*"})
APP_SERVER_POLICY = doc(
    {"Sid": "CustomerData", "Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{CUSTOMER_BUCKET}/*"},
    {"Sid": "CustomerDataList", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{CUSTOMER_BUCKET}"},
    {"Sid": "Orders", "Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DescribeTable"],
     "Resource": f"arn:aws:dynamodb:{HOME}:{ACCT}:table/{DDB_TABLE}"},
    {"Sid": "Config", "Effect": "Allow", "Action": ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
     "Resource": f"arn:aws:ssm:{HOME}:{ACCT}:parameter/acme/prod/*"},
    {"Sid": "Crypto", "Effect": "Allow", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": KMS_KEY_ARN})
ORDERS_FN_POLICY = doc(
    {"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": SECRET_ARN},
    {"Effect": "Allow", "Action": "kms:Decrypt", "Resource": KMS_KEY_ARN},
    {"Effect": "Allow", "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "Resource": QUEUE_ARN})
SECURITY_TOOLING = doc(
    {"Sid": "Trails", "Effect": "Allow", "Action": ["cloudtrail:*", "guardduty:*", "config:*", "access-analyzer:*"], "Resource": "*"},
    {"Sid": "ReadIam", "Effect": "Allow", "Action": ["iam:Get*", "iam:List*", "iam:GenerateCredentialReport", "iam:GenerateServiceLastAccessedDetails"], "Resource": "*"},
    {"Sid": "ReadLogs", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": [f"arn:aws:s3:::{TRAIL_BUCKET}", f"arn:aws:s3:::{TRAIL_BUCKET}/*"]})
DEV_BOUNDARY = doc(
    {"Sid": "DevServices", "Effect": "Allow", "Action": ["lambda:*", "logs:*", "dynamodb:*", "sqs:*", "cloudwatch:*", "xray:*"], "Resource": "*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": HOME}}},
    {"Sid": "NoCustomerData", "Effect": "Deny", "Action": "s3:*", "Resource": [f"arn:aws:s3:::{CUSTOMER_BUCKET}", f"arn:aws:s3:::{CUSTOMER_BUCKET}/*"]})
DEV_SELF_SERVICE = doc(
    {"Sid": "OwnCredentials", "Effect": "Allow",
     "Action": ["iam:ChangePassword", "iam:GetUser", "iam:CreateAccessKey", "iam:DeleteAccessKey", "iam:ListAccessKeys",
                "iam:UpdateAccessKey", "iam:ListMFADevices", "iam:CreateVirtualMFADevice", "iam:EnableMFADevice"],
     "Resource": ["arn:aws:iam::111122223333:user/${aws:username}", "arn:aws:iam::111122223333:mfa/${aws:username}"]},
    {"Sid": "AssumeDevTools", "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/dev-tools-role"})
LEGACY_READ = doc({"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
                   "Resource": ["arn:aws:s3:::acme-prod-reports", "arn:aws:s3:::acme-prod-reports/*"]})

TRUST = {
    "OpsAdminRole": doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "sts:AssumeRole"}),
    "DeployRole": doc({"Effect": "Allow", "Principal": {"AWS": USERS["ci-deploy"]["arn"]}, "Action": "sts:AssumeRole"}),
    "OrgSecurityAdmin": doc({"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"}, "Action": "sts:AssumeRole",
                             "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"},
                                           "ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCT}:user/alice"}}}),
    "app-server-role": doc({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}),
    "orders-processor-role": doc({"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}),
    "dev-tools-role": doc({"Effect": "Allow", "Principal": {"AWS": [USERS["bob"]["arn"], USERS["alice"]["arn"]]}, "Action": "sts:AssumeRole"}),
    "AWSServiceRoleForSupport": doc({"Effect": "Allow", "Principal": {"Service": "support.amazonaws.com"}, "Action": "sts:AssumeRole"}),
    "AWSServiceRoleForConfig": doc({"Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"}, "Action": "sts:AssumeRole"}),
}
DEPLOY_TRUST_BACKDOORED = doc(
    {"Effect": "Allow", "Principal": {"AWS": USERS["ci-deploy"]["arn"]}, "Action": "sts:AssumeRole"},
    {"Sid": "BackupSync", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{EXTERNAL}:root"}, "Action": "sts:AssumeRole"})

# ---------------------------------------------------------------- organization
FULL_AWS_ACCESS = doc({"Effect": "Allow", "Action": "*", "Resource": "*"})
RCP_FULL = doc({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})
REGION_GUARD = doc({
    "Sid": "DenyOutsideApprovedRegions", "Effect": "Deny",
    "NotAction": ["a4b:*", "acm:*", "aws-marketplace-management:*", "aws-marketplace:*", "aws-portal:*", "budgets:*", "ce:*",
                  "chime:*", "cloudfront:*", "config:*", "cur:*", "directconnect:*", "ec2:DescribeRegions",
                  "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "fms:*", "globalaccelerator:*", "health:*",
                  "iam:*", "importexport:*", "kms:*", "mobileanalytics:*", "networkmanager:*", "organizations:*",
                  "pricing:*", "route53:*", "route53domains:*", "s3:GetAccountPublic*", "s3:ListAllMyBuckets",
                  "s3:ListMultiRegionAccessPoints", "s3:PutAccountPublic*", "shield:*", "sts:*", "support:*",
                  "trustedadvisor:*", "waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*"],
    "Resource": "*",
    "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}})
PROTECT_SECURITY = doc({
    "Sid": "ProtectSecurityTooling", "Effect": "Deny",
    "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
               "guardduty:DeleteDetector"],
    "Resource": "*",
    "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/OrgSecurityAdmin"}}})
RCP_PERIMETER = doc({
    "Sid": "EnforceOrgIdentities", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
    "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": ORG_ID},
                  "BoolIfExists": {"aws:PrincipalIsAWSService": "false"}}})

P_FULL, P_RCPFULL = "p-FullAWSAccess", "p-RCPFullAWSAccess"
P_REGION, P_PROTECT, P_PERIM = "p-rg7x2k9m", "p-ps4t8w1q", "p-rc3d9n6v"
ORG_POLICIES = [
    {"id": P_FULL, "name": "FullAWSAccess", "type": "SERVICE_CONTROL_POLICY", "awsManaged": True,
     "description": "Allows access to every operation", "document": FULL_AWS_ACCESS},
    {"id": P_RCPFULL, "name": "RCPFullAWSAccess", "type": "RESOURCE_CONTROL_POLICY", "awsManaged": True,
     "description": "Allows access to every operation", "document": json.dumps(RCP_FULL, indent=4)},
    {"id": P_REGION, "name": "RegionGuard", "type": "SERVICE_CONTROL_POLICY", "awsManaged": False,
     "description": "Deny regional services outside eu-west-1 and us-east-1", "document": REGION_GUARD},
    {"id": P_PROTECT, "name": "ProtectSecurityTooling", "type": "SERVICE_CONTROL_POLICY", "awsManaged": False,
     "description": "Only OrgSecurityAdmin may stop or change CloudTrail and GuardDuty", "document": json.dumps(PROTECT_SECURITY)},
    {"id": P_PERIM, "name": "OrgDataPerimeter", "type": "RESOURCE_CONTROL_POLICY", "awsManaged": False,
     "description": "S3 only for principals of this organization or AWS services", "document": RCP_PERIMETER},
]
ORG = {
    "trailbench": "organization/v1", "organizationId": ORG_ID, "managementAccountId": MGMT,
    "policies": ORG_POLICIES,
    "root": {
        "id": "r-7k2p", "name": "Root", "policies": [P_FULL, P_RCPFULL, P_PERIM],
        "accounts": [{"id": MGMT, "name": "acme-management", "email": "aws-management@acme.example", "policies": [P_FULL, P_RCPFULL]}],
        "organizationalUnits": [
            {"id": "ou-7k2p-wkld0001", "name": "Workloads", "policies": [P_FULL, P_RCPFULL, P_REGION], "accounts": [],
             "organizationalUnits": [
                 {"id": "ou-7k2p-prod0001", "name": "Production", "policies": [P_FULL, P_RCPFULL, P_PROTECT],
                  "accounts": [{"id": ACCT, "name": "acme-prod", "email": "aws-prod@acme.example", "policies": [P_FULL, P_RCPFULL]}],
                  "organizationalUnits": []}]},
            {"id": "ou-7k2p-sbox0001", "name": "Sandbox", "policies": [P_FULL, P_RCPFULL],
             "accounts": [{"id": SANDBOX, "name": "acme-sandbox", "email": "aws-sandbox@acme.example", "policies": [P_FULL, P_RCPFULL]}],
             "organizationalUnits": []}]}}

# ---------------------------------------------------------------- resource policies
BUCKET_POLICY = doc(
    {"Sid": "AllowAppAndOps", "Effect": "Allow",
     "Principal": {"AWS": [ROLES["app-server-role"]["arn"], ROLES["OpsAdminRole"]["arn"]]},
     "Action": ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
     "Resource": [f"arn:aws:s3:::{CUSTOMER_BUCKET}", f"arn:aws:s3:::{CUSTOMER_BUCKET}/*"]},
    {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": [f"arn:aws:s3:::{CUSTOMER_BUCKET}", f"arn:aws:s3:::{CUSTOMER_BUCKET}/*"],
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}})
KMS_POLICY = {"Version": "2012-10-17", "Id": "key-consolepolicy-3", "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCT}:root"},
     "Action": "kms:*", "Resource": "*"},
    {"Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": {"AWS": ROLES["OrgSecurityAdmin"]["arn"]},
     "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
                "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
                "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"], "Resource": "*"},
    {"Sid": "Allow use of the key", "Effect": "Allow",
     "Principal": {"AWS": [ROLES["app-server-role"]["arn"], ROLES["orders-processor-role"]["arn"]]},
     "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"},
    {"Sid": "Allow S3 via service", "Effect": "Allow", "Principal": {"AWS": "*"},
     "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
     "Condition": {"StringEquals": {"kms:ViaService": f"s3.{HOME}.amazonaws.com", "kms:CallerAccount": ACCT}}}]}
QUEUE_POLICY = {"Version": "2012-10-17", "Id": f"{QUEUE_ARN}/SQSDefaultPolicy", "Statement": [
    {"Sid": "AllowOrdersTopic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
     "Resource": QUEUE_ARN, "Condition": {"ArnEquals": {"aws:SourceArn": TOPIC_ARN}}},
    {"Sid": "AllowConsumer", "Effect": "Allow", "Principal": {"AWS": ROLES["orders-processor-role"]["arn"]},
     "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], "Resource": QUEUE_ARN}]}
SECRET_POLICY = doc(
    {"Sid": "OrdersFunctionOnly", "Effect": "Allow", "Principal": {"AWS": ROLES["orders-processor-role"]["arn"]},
     "Action": "secretsmanager:GetSecretValue", "Resource": "*"},
    {"Sid": "DenyOthers", "Effect": "Deny", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
     "Condition": {"ArnNotEquals": {"aws:PrincipalArn": [ROLES["orders-processor-role"]["arn"], ROLES["OrgSecurityAdmin"]["arn"]]}}})
# S3 ACLs (get-bucket-acl / get-object-acl / get-bucket-ownership-controls output, taken 2026-10-08):
# the artifacts bucket predates Object Ownership's BucketOwnerEnforced default and still honours ACLs;
# a September release bundle was shared with acme-sandbox by an object ACL grant (no policy allows it).
ACME_CANONICAL = hashlib.sha256(b"canonical:" + ACCT.encode()).hexdigest()
SANDBOX_CANONICAL = hashlib.sha256(b"canonical:" + SANDBOX.encode()).hexdigest()
RELEASE_KEY = "releases/2026-09/acme-web-2026.09.3.zip"
ARTIFACT_BUCKET_ACL = {"Owner": {"DisplayName": "aws-prod", "ID": ACME_CANONICAL},
                       "Grants": [{"Grantee": {"DisplayName": "aws-prod", "ID": ACME_CANONICAL, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]}
RELEASE_OBJECT_ACL = {"Owner": {"DisplayName": "aws-prod", "ID": ACME_CANONICAL},
                      "Grants": [{"Grantee": {"DisplayName": "aws-prod", "ID": ACME_CANONICAL, "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"},
                                 {"Grantee": {"DisplayName": "aws-sandbox", "ID": SANDBOX_CANONICAL, "Type": "CanonicalUser"}, "Permission": "READ"}]}
RESOURCE_POLICIES = {"trailbench": "resource-policies/v1",
                     "accounts": [{"id": SANDBOX, "canonicalUserId": SANDBOX_CANONICAL}],
                     "policies": [
    {"resourceArn": f"arn:aws:s3:::{CUSTOMER_BUCKET}", "resourceAccount": ACCT, "service": "s3", "document": BUCKET_POLICY},
    {"resourceArn": f"arn:aws:s3:::{ARTIFACT_BUCKET}", "resourceAccount": ACCT, "acl": ARTIFACT_BUCKET_ACL,
     "ownershipControls": {"OwnershipControls": {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}}},
    {"resourceArn": f"arn:aws:s3:::{ARTIFACT_BUCKET}/{RELEASE_KEY}", "resourceAccount": ACCT, "acl": RELEASE_OBJECT_ACL},
    {"resourceArn": KMS_KEY_ARN, "resourceAccount": ACCT, "service": "kms", "document": KMS_POLICY},
    {"resourceArn": QUEUE_ARN, "resourceAccount": ACCT, "service": "sqs", "document": json.dumps(QUEUE_POLICY)},
    {"resourceArn": SECRET_ARN, "resourceAccount": ACCT, "service": "secretsmanager", "document": SECRET_POLICY},
]}


# ---------------------------------------------------------------- event building
class Gen:
    def __init__(self):
        self.rnd = random.Random(SEED)
        self.events = []
        self.story = []  # (step, record)

    def uuid(self):
        return str(uuid.UUID(int=self.rnd.getrandbits(128), version=4))

    def s3rid(self):
        return "".join(self.rnd.choice("0123456789ABCDEF") for _ in range(16))

    def amzid2(self):
        return "".join(self.rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(76)) + "="

    def ev(self, t, ident, source, name, region, ip, ua, req=None, resp=None, *, read_only, error=None,
           event_type="AwsApiCall", category="Management", resources=None, host=None, extra=None, console=False,
           vpce=None, tls=True, step=None, request_id=True, shared=None):
        r = {"eventVersion": "1.08" if ident.get("type") == "AWSService" else "1.09",
             "userIdentity": ident, "eventTime": ts(t), "eventSource": source, "eventName": name,
             "awsRegion": region, "sourceIPAddress": ip, "userAgent": ua}
        if error:
            r["errorCode"], r["errorMessage"] = error
        r["requestParameters"] = req
        r["responseElements"] = resp
        if extra is not None:
            r["additionalEventData"] = extra
        if request_id:
            r["requestID"] = self.s3rid() if source == "s3.amazonaws.com" else self.uuid()
        r["eventID"] = story_uuid(step) if step else self.uuid()
        r["readOnly"] = read_only
        if resources is not None:
            r["resources"] = resources
        r["eventType"] = event_type
        r["managementEvent"] = category == "Management"
        r["recipientAccountId"] = ACCT
        if shared:
            r["sharedEventID"] = shared
        if vpce:
            r["vpcEndpointId"] = vpce
            r["vpcEndpointAccountId"] = ACCT
        r["eventCategory"] = category
        if tls and not ip.endswith("amazonaws.com") and ip != "AWS Internal":
            r["tlsDetails"] = {"tlsVersion": "TLSv1.3" if "cli/2" in ua or "Boto3/1.3" in ua or "Mozilla" in ua else "TLSv1.2",
                               "cipherSuite": "TLS_AES_128_GCM_SHA256" if "cli/2" in ua or "Boto3/1.3" in ua or "Mozilla" in ua else "ECDHE-RSA-AES128-GCM-SHA256",
                               "clientProvidedHostHeader": host or f"{source.split('.')[0]}.{region}.amazonaws.com"}
        if console:
            r["sessionCredentialFromConsole"] = "true"
        self.events.append(r)
        if step:
            self.story.append((step, r))
        return r

    # ---- identities
    @staticmethod
    def user(name, key, console=None, mfa=False):
        u = USERS[name]
        i = {"type": "IAMUser", "principalId": u["id"], "arn": u["arn"], "accountId": ACCT, "accessKeyId": key, "userName": name}
        if console:
            i["sessionContext"] = {"sessionIssuer": {}, "webIdFederationData": {},
                                   "attributes": {"creationDate": ts(console), "mfaAuthenticated": "true" if mfa else "false"}}
        return i

    @staticmethod
    def role(name, session, key, created, mfa=False, invoked_by=None, ec2=False):
        r = ROLES[name]
        i = {"type": "AssumedRole", "principalId": f"{r['id']}:{session}",
             "arn": f"arn:aws:sts::{ACCT}:assumed-role/{name}/{session}", "accountId": ACCT, "accessKeyId": key,
             "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": r["id"], "arn": r["arn"], "accountId": ACCT, "userName": name},
                                "webIdFederationData": {},
                                "attributes": {"creationDate": ts(created), "mfaAuthenticated": "true" if mfa else "false"}}}
        if ec2:
            i["sessionContext"]["ec2RoleDelivery"] = "2.0"
        if invoked_by:
            i["invokedBy"] = invoked_by
        return i

    @staticmethod
    def service(svc):
        return {"type": "AWSService", "invokedBy": svc}

    # ---- common calls
    def assume_role(self, t, ident, ip, ua, role, session, key, region, duration=3600, step=None, shared=None, host=None):
        exp = t + timedelta(seconds=duration)
        svc = ident.get("type") == "AWSService"
        resp = {"credentials": {"accessKeyId": key, "sessionToken": "IQoJb3JpZ2luX2VjE" + "".join(self.rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(40)) + "...",
                                "expiration": f"{exp:%b} {exp.day}, {exp.year}, {(exp.hour % 12) or 12}:{exp:%M:%S %p}"},
                "assumedRoleUser": {"assumedRoleId": f"{ROLES[role]['id']}:{session}",
                                    "arn": f"arn:aws:sts::{ACCT}:assumed-role/{role}/{session}"}}
        req = {"roleArn": ROLES[role]["arn"], "roleSessionName": session}
        if not svc:
            req["durationSeconds"] = duration
        return self.ev(t, ident, "sts.amazonaws.com", "AssumeRole", region, ip, ua, req, resp, read_only=True,
                       resources=[{"accountId": ACCT, "type": "AWS::IAM::Role", "ARN": ROLES[role]["arn"]}],
                       host=host or ("sts.amazonaws.com" if region == "us-east-1" else f"sts.{region}.amazonaws.com"),
                       step=step, shared=shared, tls=not svc)

    def s3_object(self, t, ident, ip, ua, name, bucket, key, *, size=0, region=HOME, step=None, vpce=None, error=None, console=False):
        host = f"{bucket}.s3.{region}.amazonaws.com"
        ro = name in ("GetObject", "HeadObject")
        extra = {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0 if ro else size,
                 "SSEApplied": "SSE_KMS", "AuthenticationMethod": "AuthHeader", "x-amz-id-2": self.amzid2(),
                 "bytesTransferredOut": size if ro else 0}
        if bucket == ARTIFACT_BUCKET:
            extra["SSEApplied"] = "Default_SSE_S3"
        req = {"bucketName": bucket, "Host": host, "key": key}
        resp = None
        if name == "PutObject":
            req["x-amz-server-side-encryption"] = "aws:kms" if bucket == CUSTOMER_BUCKET else "AES256"
            resp = {"x-amz-server-side-encryption": req["x-amz-server-side-encryption"]}
            if bucket == CUSTOMER_BUCKET:
                resp["x-amz-server-side-encryption-aws-kms-key-id"] = KMS_KEY_ARN
                resp["x-amz-server-side-encryption-bucket-key-enabled"] = "true"
        return self.ev(t, ident, "s3.amazonaws.com", name, region, ip, ua, req, resp, read_only=ro, category="Data",
                       resources=[{"type": "AWS::S3::Object", "ARN": f"arn:aws:s3:::{bucket}/{key}"},
                                  {"accountId": ACCT, "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{bucket}"}],
                       extra=extra, host=host, step=step, vpce=vpce, error=error, console=console)

    def s3_list(self, t, ident, ip, ua, bucket, prefix, *, region=HOME, step=None, vpce=None):
        host = f"{bucket}.s3.{region}.amazonaws.com"
        extra = {"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0,
                 "AuthenticationMethod": "AuthHeader", "x-amz-id-2": self.amzid2(), "bytesTransferredOut": self.rnd.randint(4000, 60000)}
        req = {"list-type": "2", "bucketName": bucket, "encoding-type": "url", "prefix": prefix, "delimiter": "/", "Host": host}
        return self.ev(t, ident, "s3.amazonaws.com", "ListObjects", region, ip, ua, req, None, read_only=True, category="Data",
                       resources=[{"type": "AWS::S3::Object", "ARNPrefix": f"arn:aws:s3:::{bucket}/{prefix}"},
                                  {"accountId": ACCT, "type": "AWS::S3::Bucket", "ARN": f"arn:aws:s3:::{bucket}"}],
                       extra=extra, host=host, step=step, vpce=vpce)

    def kms(self, t, ident, ip, ua, name, key_arn, ctx=None, *, invoked=None, step=None):
        req = {"encryptionAlgorithm": "SYMMETRIC_DEFAULT"} if name == "Decrypt" else {"keyId": key_arn, "keySpec": "AES_256"}
        if ctx:
            req["encryptionContext"] = ctx
        return self.ev(t, ident, "kms.amazonaws.com", name, HOME, ip, ua, req, None, read_only=True,
                       resources=[{"accountId": ACCT, "type": "AWS::KMS::Key", "ARN": key_arn}], step=step,
                       host=f"kms.{HOME}.amazonaws.com")


def denied(arn, action, resource=None, scp=False):
    why = "with an explicit deny in a service control policy" if scp else f"because no identity-based policy allows the {action} action"
    on = f" on resource: {resource}" if resource else ""
    return f"User: {arn} is not authorized to perform: {action}{on} {why}"


# ---------------------------------------------------------------- scenario
DAYS = [datetime(2026, 10, d, tzinfo=UTC) for d in range(1, 8)]
WEEKEND = {3, 4}
OBJ_EXPORTS = [f"exports/2026/09/customers-{i:04d}.csv.gz" for i in range(1, 161)]


def background(g):
    rnd = g.rnd
    # -- EC2 instance i-0a1b2c3d4e5f60718 with instance profile app-server (role app-server-role)
    inst_keys = []
    t = datetime(2026, 10, 1, 0, 3, 12, tzinfo=UTC)
    end = datetime(2026, 10, 7, 23, 59, 59, tzinfo=UTC)
    while t < end:
        key = akid("ASIA", f"instance-{ts(t)}")
        g.assume_role(t, g.service("ec2.amazonaws.com"), "ec2.amazonaws.com", "ec2.amazonaws.com",
                      "app-server-role", INSTANCE_ID, key, HOME, duration=21600)
        inst_keys.append((t, t + timedelta(hours=6), key))
        t += timedelta(hours=6, minutes=rnd.randint(-4, 4), seconds=rnd.randint(0, 59))
    for start, stop, key in inst_keys:
        burst = start + timedelta(minutes=rnd.randint(3, 20))
        while burst < stop - timedelta(minutes=5) and burst < end:
            ident = g.role("app-server-role", INSTANCE_ID, key, start, ec2=True)
            c = burst
            g.ev(c, ident, "ssm.amazonaws.com", "GetParametersByPath", HOME, INSTANCE_PUBLIC_IP, UA_INSTANCE,
                 {"path": "/acme/prod/app/", "recursive": True, "withDecryption": True}, None, read_only=True)
            c += timedelta(seconds=rnd.randint(1, 5))
            g.ev(c, ident, "dynamodb.amazonaws.com", "DescribeTable", HOME, INSTANCE_PUBLIC_IP, UA_INSTANCE,
                 {"tableName": DDB_TABLE}, None, read_only=True)
            day_busy = burst.day not in WEEKEND and 7 <= burst.hour <= 20
            for _ in range(rnd.randint(9, 16) if day_busy else rnd.randint(3, 6)):
                c += timedelta(seconds=rnd.randint(5, 60))
                if rnd.random() < 0.55:
                    k = rnd.choice(OBJ_EXPORTS)
                    g.s3_object(c, ident, INSTANCE_PRIVATE_IP, UA_INSTANCE, "GetObject", CUSTOMER_BUCKET, k,
                                size=rnd.randint(180000, 2400000), vpce=VPCE_S3)
                else:
                    k = f"orders/{c:%Y/%m/%d}/order-{rnd.randint(100000, 999999)}.json"
                    g.s3_object(c, ident, INSTANCE_PRIVATE_IP, UA_INSTANCE, "PutObject", CUSTOMER_BUCKET, k,
                                size=rnd.randint(900, 6000), vpce=VPCE_S3)
            if rnd.random() < 0.3:
                c += timedelta(seconds=rnd.randint(1, 30))
                g.kms(c, ident, INSTANCE_PUBLIC_IP, UA_INSTANCE, "GenerateDataKey", KMS_KEY_ARN)
            burst += timedelta(minutes=rnd.randint(50, 70), seconds=rnd.randint(0, 59))

    # -- CloudTrail itself encrypting log files with KMS (AWSService), hourly
    t = datetime(2026, 10, 1, 0, 4, 0, tzinfo=UTC)
    while t < end:
        g.ev(t, g.service("cloudtrail.amazonaws.com"), "kms.amazonaws.com", "GenerateDataKey", HOME,
             "cloudtrail.amazonaws.com", "cloudtrail.amazonaws.com",
             {"keyId": TRAIL_KMS_KEY_ARN, "keySpec": "AES_256",
              "encryptionContext": {"aws:cloudtrail:arn": TRAIL_ARN, "aws:s3:arn": f"arn:aws:s3:::{TRAIL_BUCKET}/AWSLogs/{ACCT}/CloudTrail/{t:%Y/%m/%d}"}},
             None, read_only=True, resources=[{"accountId": ACCT, "type": "AWS::KMS::Key", "ARN": TRAIL_KMS_KEY_ARN}], tls=False,
             shared=g.uuid())
        t += timedelta(minutes=rnd.randint(55, 65), seconds=rnd.randint(0, 59))

    # -- AWS Config recorder via service-linked role, every ~3 h
    t = datetime(2026, 10, 1, 1, 12, 40, tzinfo=UTC)
    while t < end:
        key = akid("ASIA", f"config-{ts(t)}")
        g.assume_role(t, g.service("config.amazonaws.com"), "config.amazonaws.com", "config.amazonaws.com",
                      "AWSServiceRoleForConfig", "AWSConfig-Describe", key, HOME, duration=900)
        ident = g.role("AWSServiceRoleForConfig", "AWSConfig-Describe", key, t, invoked_by="config.amazonaws.com")
        c = t + timedelta(seconds=4)
        for src, name, req, region in [
            ("ec2.amazonaws.com", "DescribeInstances", {"instancesSet": {}, "filterSet": {}}, HOME),
            ("ec2.amazonaws.com", "DescribeSecurityGroups", {"securityGroupSet": {}, "securityGroupIdSet": {}, "filterSet": {}}, HOME),
            ("iam.amazonaws.com", "GetRole", {"roleName": "app-server-role"}, "us-east-1"),
            ("s3.amazonaws.com", "GetBucketPolicy", {"bucketName": CUSTOMER_BUCKET, "Host": f"{CUSTOMER_BUCKET}.s3.{HOME}.amazonaws.com", "policy": ""}, HOME),
            ("kms.amazonaws.com", "DescribeKey", {"keyId": KMS_KEY_ARN}, HOME)]:
            g.ev(c, ident, src, name, region, "config.amazonaws.com", "config.amazonaws.com", req, None, read_only=True, tls=False)
            c += timedelta(seconds=rnd.randint(1, 6))
        t += timedelta(hours=3, minutes=rnd.randint(-5, 5), seconds=rnd.randint(0, 59))

    # -- Lambda orders-processor (role orders-processor-role), cold starts
    for day in DAYS:
        for h in sorted(rnd.sample(range(0, 24), 6 if day.day not in WEEKEND else 3)):
            t = day + timedelta(hours=h, minutes=rnd.randint(0, 59), seconds=rnd.randint(0, 59))
            key = akid("ASIA", f"lambda-{ts(t)}")
            g.assume_role(t, g.service("lambda.amazonaws.com"), "lambda.amazonaws.com", "lambda.amazonaws.com",
                          "orders-processor-role", "orders-processor", key, HOME, duration=43200)
            ident = g.role("orders-processor-role", "orders-processor", key, t)
            ip = f"3.25{rnd.randint(0, 5)}.{rnd.randint(0, 255)}.{rnd.randint(1, 254)}"
            g.ev(t + timedelta(seconds=2), ident, "secretsmanager.amazonaws.com", "GetSecretValue", HOME, ip, UA_LAMBDA,
                 {"secretId": "prod/orders/db"}, None, read_only=True, host=f"secretsmanager.{HOME}.amazonaws.com")
            g.kms(t + timedelta(seconds=3), ident, ip, UA_LAMBDA, "Decrypt", KMS_KEY_ARN,
                  {"SecretARN": SECRET_ARN, "SecretVersionId": "b7f0c3a2-5d41-4e8f-9a6b-2c1d0e9f8a73"})

    # -- CI pipelines: ci-deploy (runner) + DeployRole
    run = 4410
    for day in DAYS:
        if day.day == 4:
            continue  # key rotation day, pipeline frozen (see story)
        n = 1 if day.day == 3 else rnd.randint(4, 6)
        hours = sorted(rnd.sample(range(7, 18), n)) if day.day != 3 else [10]
        for h in hours:
            run += rnd.randint(1, 9)
            t = day + timedelta(hours=h, minutes=rnd.randint(0, 59), seconds=rnd.randint(0, 59))
            pipeline(g, t, run, KEY_CI if day.day <= 3 else KEY_CI2)
    # the last use of the compromised key by the real runner: Saturday evening release
    pipeline(g, datetime(2026, 10, 3, 17, 31, 5, tzinfo=UTC), 4460, KEY_CI, step=None)

    # -- alice: console with MFA, weekdays
    for day in DAYS:
        if day.day in WEEKEND:
            continue
        t = day + timedelta(hours=8, minutes=rnd.randint(0, 50), seconds=rnd.randint(0, 59))
        alice_console_day(g, t, switch=day.day in (2, 6))

    # -- bob: console without MFA + CLI key from the office
    for day in DAYS:
        if day.day in WEEKEND:
            continue
        t = day + timedelta(hours=9, minutes=rnd.randint(0, 40), seconds=rnd.randint(0, 59))
        bob_day(g, t, use_role=day.day in (1, 5, 7))

    # -- root: one sign-in for billing on 2026-10-02
    t = datetime(2026, 10, 2, 16, 2, 41, tzinfo=UTC)
    ident = {"type": "Root", "principalId": ACCT, "arn": f"arn:aws:iam::{ACCT}:root", "accountId": ACCT}
    g.ev(t, ident, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", IP_ROOT, UA_BROWSER_ALICE, None,
         {"ConsoleLogin": "Success"}, read_only=False, event_type="AwsConsoleSignIn", request_id=False,
         extra={"LoginTo": "https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true",
                "MobileVersion": "No", "MFAIdentifier": MFA_ROOT, "MFAUsed": "Yes"}, host="signin.aws.amazon.com")
    rkey = akid("ASIA", "root-console-1002")
    rid_ = dict(ident, accessKeyId=rkey, sessionContext={"sessionIssuer": {}, "webIdFederationData": {},
                                                         "attributes": {"creationDate": ts(t), "mfaAuthenticated": "true"}})
    c = t + timedelta(seconds=40)
    for src, name, req in [("ce.amazonaws.com", "GetCostAndUsage", {"timePeriod": {"start": "2026-09-01", "end": "2026-10-01"}, "granularity": "MONTHLY", "metrics": ["UnblendedCost"]}),
                           ("account.amazonaws.com", "GetContactInformation", None),
                           ("billingconsole.amazonaws.com", "GetBillingPreferences", None)]:
        g.ev(c, rid_, src, name, "us-east-1", IP_ROOT, UA_BROWSER_ALICE, req, None, read_only=True, console=True,
             host=f"{src.split('.')[0]}.us-east-1.amazonaws.com")
        c += timedelta(seconds=rnd.randint(10, 60))


def pipeline(g, t, run, key, step=None):
    rnd = g.rnd
    ip = rnd.choice(RUNNER_IPS)
    ci = g.user("ci-deploy", key)
    g.ev(t, ci, "sts.amazonaws.com", "GetCallerIdentity", HOME, ip, UA_RUNNER.format(cmd="sts.get-caller-identity"),
         None, None, read_only=True, host=f"sts.{HOME}.amazonaws.com")
    c = t + timedelta(seconds=rnd.randint(3, 9))
    ua = UA_RUNNER.format(cmd="ecr.get-login-password")
    g.ev(c, ci, "ecr.amazonaws.com", "GetAuthorizationToken", HOME, ip, ua, {"registryIds": [ACCT]} if rnd.random() < 0.3 else None,
         None, read_only=True, host=f"api.ecr.{HOME}.amazonaws.com")
    repo = rnd.choice(["acme/web", "acme/orders-api", "acme/worker"])
    ua = "docker/25.0.3 go/go1.21.6 git-commit/f417435 kernel/6.8.0-1014-aws os/linux arch/amd64 UpstreamClient(Docker-Client/25.0.3 \\(linux\\))"
    c += timedelta(seconds=rnd.randint(8, 20))
    g.ev(c, ci, "ecr.amazonaws.com", "BatchCheckLayerAvailability", HOME, ip, ua,
         {"repositoryName": repo, "registryId": ACCT, "layerDigests": [f"sha256:{hashlib.sha256(f'{run}-{i}'.encode()).hexdigest()}" for i in range(2)]},
         None, read_only=True, host=f"{ACCT}.dkr.ecr.{HOME}.amazonaws.com",
         resources=[{"accountId": ACCT, "ARN": f"arn:aws:ecr:{HOME}:{ACCT}:repository/{repo}"}])
    upload = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
    c += timedelta(seconds=2)
    g.ev(c, ci, "ecr.amazonaws.com", "InitiateLayerUpload", HOME, ip, ua, {"repositoryName": repo, "registryId": ACCT},
         {"uploadId": upload, "partSize": 10485760}, read_only=False, host=f"{ACCT}.dkr.ecr.{HOME}.amazonaws.com",
         resources=[{"accountId": ACCT, "ARN": f"arn:aws:ecr:{HOME}:{ACCT}:repository/{repo}"}])
    c += timedelta(seconds=rnd.randint(5, 30))
    digest = "sha256:" + hashlib.sha256(f"img-{run}".encode()).hexdigest()
    g.ev(c, ci, "ecr.amazonaws.com", "CompleteLayerUpload", HOME, ip, ua,
         {"repositoryName": repo, "registryId": ACCT, "uploadId": upload, "layerDigests": [digest]},
         {"registryId": ACCT, "repositoryName": repo, "uploadId": upload, "layerDigest": digest}, read_only=False, host=f"{ACCT}.dkr.ecr.{HOME}.amazonaws.com",
         resources=[{"accountId": ACCT, "ARN": f"arn:aws:ecr:{HOME}:{ACCT}:repository/{repo}"}])
    c += timedelta(seconds=3)
    g.ev(c, ci, "ecr.amazonaws.com", "PutImage", HOME, ip, ua,
         {"repositoryName": repo, "registryId": ACCT, "imageTag": f"build-{run}", "imageManifest": "{...}"},
         {"image": {"registryId": ACCT, "repositoryName": repo, "imageId": {"imageDigest": digest, "imageTag": f"build-{run}"}}},
         read_only=False, host=f"{ACCT}.dkr.ecr.{HOME}.amazonaws.com", resources=[{"accountId": ACCT, "ARN": f"arn:aws:ecr:{HOME}:{ACCT}:repository/{repo}"}])
    if rnd.random() < 0.25:  # harmless AccessDenied noise: scan findings not in ci-deploy's policy
        c += timedelta(seconds=2)
        g.ev(c, ci, "ecr.amazonaws.com", "DescribeImageScanFindings", HOME, ip, UA_RUNNER.format(cmd="ecr.describe-image-scan-findings"),
             {"repositoryName": repo, "imageId": {"imageTag": f"build-{run}"}}, None, read_only=True,
             error=("AccessDenied", denied(USERS["ci-deploy"]["arn"], "ecr:DescribeImageScanFindings",
                                          f"arn:aws:ecr:{HOME}:{ACCT}:repository/{repo}")), host=f"api.ecr.{HOME}.amazonaws.com")
    c += timedelta(seconds=rnd.randint(3, 10))
    g.s3_object(c, ci, ip, f"[{UA_RUNNER.format(cmd='s3.cp')}]", "PutObject", ARTIFACT_BUCKET,
                f"builds/{run}/bundle.zip", size=rnd.randint(2_000_000, 9_000_000))
    if rnd.random() < 0.4:
        c += timedelta(seconds=4)
        g.ev(c, ci, "ec2.amazonaws.com", "DescribeInstances", HOME, ip, UA_RUNNER.format(cmd="ec2.describe-instances"),
             {"instancesSet": {}, "filterSet": {"items": [{"name": "tag:app", "valueSet": {"items": [{"value": "acme-web"}]}}]}},
             None, read_only=True, host=f"ec2.{HOME}.amazonaws.com")
    c += timedelta(seconds=rnd.randint(2, 6))
    session = f"ci-deploy-{run}"
    skey = akid("ASIA", f"deploy-{run}-{ts(t)}")
    g.assume_role(c, ci, ip, UA_RUNNER.format(cmd="sts.assume-role"), "DeployRole", session, skey, HOME, duration=3600)
    created = c
    dr = g.role("DeployRole", session, skey, created)
    c += timedelta(seconds=rnd.randint(2, 8))
    family = "acme-web" if repo == "acme/web" else "acme-worker"
    g.ev(c, dr, "ecs.amazonaws.com", "RegisterTaskDefinition", HOME, ip, UA_RUNNER.format(cmd="ecs.register-task-definition"),
         {"family": family, "taskRoleArn": ROLES["app-server-role"]["arn"], "networkMode": "awsvpc",
          "containerDefinitions": [{"name": "app", "image": f"{ACCT}.dkr.ecr.{HOME}.amazonaws.com/{repo}:build-{run}", "essential": True}]},
         {"taskDefinition": {"taskDefinitionArn": f"arn:aws:ecs:{HOME}:{ACCT}:task-definition/{family}:{run - 4000}", "family": family,
                             "revision": run - 4000, "status": "ACTIVE"}}, read_only=False)
    c += timedelta(seconds=rnd.randint(2, 6))
    g.ev(c, dr, "ecs.amazonaws.com", "UpdateService", HOME, ip, UA_RUNNER.format(cmd="ecs.update-service"),
         {"cluster": "acme-prod", "service": family, "taskDefinition": f"{family}:{run - 4000}", "forceNewDeployment": False},
         {"service": {"serviceArn": f"arn:aws:ecs:{HOME}:{ACCT}:service/acme-prod/{family}", "serviceName": family,
                      "status": "ACTIVE", "desiredCount": 2}}, read_only=False)
    for _ in range(rnd.randint(2, 4)):
        c += timedelta(seconds=rnd.randint(15, 40))
        g.ev(c, dr, "ecs.amazonaws.com", "DescribeServices", HOME, ip, UA_RUNNER.format(cmd="ecs.wait"),
             {"cluster": "acme-prod", "services": [family]}, None, read_only=True)
    if rnd.random() < 0.6:
        c += timedelta(seconds=5)
        g.ev(c, dr, "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", HOME, ip, UA_RUNNER.format(cmd="lambda.update-function-code"),
             {"functionName": "orders-processor", "s3Bucket": ARTIFACT_BUCKET, "s3Key": f"builds/{run}/bundle.zip", "publish": True},
             {"functionName": "orders-processor", "functionArn": f"arn:aws:lambda:{HOME}:{ACCT}:function:orders-processor:{run - 4300}",
              "runtime": "python3.12", "role": ROLES["orders-processor-role"]["arn"], "version": str(run - 4300)}, read_only=False)
        c += timedelta(seconds=3)
        g.ev(c, dr, "lambda.amazonaws.com", "GetFunctionConfiguration20150331v2", HOME, ip, UA_RUNNER.format(cmd="lambda.wait"),
             {"functionName": "orders-processor"}, None, read_only=True)
    if rnd.random() < 0.35:
        stack = "acme-monitoring"
        cs = f"arn:aws:cloudformation:{HOME}:{ACCT}:changeSet/ci-{run}/{uuid.UUID(int=rnd.getrandbits(128), version=4)}"
        sid = f"arn:aws:cloudformation:{HOME}:{ACCT}:stack/{stack}/0b6e2f40-7a1c-11ef-9c3d-0a8b5c2e1f77"
        c += timedelta(seconds=4)
        g.ev(c, dr, "cloudformation.amazonaws.com", "CreateChangeSet", HOME, ip, UA_RUNNER.format(cmd="cloudformation.deploy"),
             {"stackName": stack, "changeSetName": f"ci-{run}", "changeSetType": "UPDATE", "templateURL": f"https://{ARTIFACT_BUCKET}.s3.amazonaws.com/builds/{run}/monitoring.yaml"},
             {"id": cs, "stackId": sid}, read_only=False)
        c += timedelta(seconds=10)
        g.ev(c, dr, "cloudformation.amazonaws.com", "ExecuteChangeSet", HOME, ip, UA_RUNNER.format(cmd="cloudformation.deploy"),
             {"changeSetName": cs}, None, read_only=False)
        c += timedelta(seconds=6)
        cfn = g.role("DeployRole", session, skey, created, invoked_by="cloudformation.amazonaws.com")
        g.ev(c, cfn, "monitoring.amazonaws.com", "PutMetricAlarm", HOME, "cloudformation.amazonaws.com", "cloudformation.amazonaws.com",
             {"alarmName": "acme-web-5xx", "metricName": "HTTPCode_Target_5XX_Count", "namespace": "AWS/ApplicationELB",
              "statistic": "Sum", "period": 60, "evaluationPeriods": 5, "threshold": 10.0,
              "comparisonOperator": "GreaterThanThreshold", "alarmActions": [TOPIC_ARN]}, None, read_only=False, tls=False)
        for _ in range(2):
            c += timedelta(seconds=15)
            g.ev(c, dr, "cloudformation.amazonaws.com", "DescribeStacks", HOME, ip, UA_RUNNER.format(cmd="cloudformation.deploy"),
                 {"stackName": stack}, None, read_only=True)


def console_login(g, t, name, ip, ua, mfa):
    u = USERS[name]
    ident = {"type": "IAMUser", "principalId": u["id"], "arn": u["arn"], "accountId": ACCT, "userName": name}
    if mfa:
        g.ev(t - timedelta(seconds=9), ident, "signin.amazonaws.com", "CheckMfa", "us-east-1", ip, ua, None,
             {"CheckMfa": "Success"}, read_only=False, event_type="AwsConsoleSignIn", request_id=False,
             extra={"MfaType": "U2F MFA"}, host="signin.aws.amazon.com")
    extra = {"LoginTo": "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_a1b2c3d4e5f6a7b8",
             "MobileVersion": "No", "MFAUsed": "Yes" if mfa else "No"}
    if mfa:
        extra["MFAIdentifier"] = MFA_ALICE
    return g.ev(t, ident, "signin.amazonaws.com", "ConsoleLogin", "us-east-1", ip, ua, None, {"ConsoleLogin": "Success"},
                read_only=False, event_type="AwsConsoleSignIn", request_id=False, extra=extra, host="signin.aws.amazon.com")


def alice_console_day(g, t, switch=False):
    rnd = g.rnd
    console_login(g, t, "alice", IP_ALICE, UA_BROWSER_ALICE, True)
    key = akid("ASIA", f"alice-console-{ts(t)}")
    me = g.user("alice", key, console=t, mfa=True)
    c = t + timedelta(seconds=20)
    reads = [("ec2.amazonaws.com", "DescribeInstances", {"instancesSet": {}, "filterSet": {}}, HOME),
             ("ec2.amazonaws.com", "DescribeSecurityGroups", {"securityGroupSet": {}, "securityGroupIdSet": {}, "filterSet": {}}, HOME),
             ("iam.amazonaws.com", "ListUsers", None, "us-east-1"),
             ("iam.amazonaws.com", "GetAccountSummary", None, "us-east-1"),
             ("iam.amazonaws.com", "ListAttachedUserPolicies", {"userName": "ci-deploy"}, "us-east-1"),
             ("cloudtrail.amazonaws.com", "DescribeTrails", {"includeShadowTrails": False}, HOME),
             ("cloudtrail.amazonaws.com", "GetTrailStatus", {"name": TRAIL_ARN}, HOME),
             ("cloudtrail.amazonaws.com", "LookupEvents", {"maxResults": 50, "lookupAttributes": []}, HOME),
             ("s3.amazonaws.com", "ListBuckets", {"Host": "s3.amazonaws.com"}, "us-east-1"),
             ("cloudfront.amazonaws.com", "ListDistributions", None, "us-east-1"),
             ("guardduty.amazonaws.com", "ListDetectors", None, HOME),
             ("health.amazonaws.com", "DescribeEventAggregates", {"aggregateField": "eventTypeCategory"}, "us-east-1"),
             ("ce.amazonaws.com", "GetCostAndUsage", {"granularity": "DAILY"}, "us-east-1")]
    for _ in range(rnd.randint(12, 20)):
        src, name, req, region = rnd.choice(reads)
        c += timedelta(seconds=rnd.randint(5, 180))
        g.ev(c, me, src, name, region, IP_ALICE, UA_CONSOLE if src != "s3.amazonaws.com" else "[S3Console/0.4]", req, None,
             read_only=True, console=True, host=f"{src.split('.')[0]}.{region}.amazonaws.com")
    if switch:
        c += timedelta(seconds=30)
        g.ev(c, {"type": "IAMUser", "principalId": USERS["alice"]["id"], "arn": USERS["alice"]["arn"], "accountId": ACCT,
                 "userName": "alice", "accessKeyId": key}, "signin.amazonaws.com", "SwitchRole", "us-east-1", IP_ALICE,
             UA_BROWSER_ALICE, None, {"SwitchRole": "Success"}, read_only=False, event_type="AwsConsoleSignIn", request_id=False,
             console=True,
             extra={"SwitchFrom": USERS["alice"]["arn"], "SwitchTo": ROLES["OrgSecurityAdmin"]["arn"],
                    "RedirectTo": "https://eu-west-1.console.aws.amazon.com/guardduty/home?region=eu-west-1"},
             host="signin.aws.amazon.com")
        skey = akid("ASIA", f"alice-switch-{ts(c)}")
        sec = g.role("OrgSecurityAdmin", "alice", skey, c, mfa=True)
        for src, name, req in [("guardduty.amazonaws.com", "ListFindings", {"detectorId": DETECTOR_ID, "maxResults": 50}),
                               ("guardduty.amazonaws.com", "GetFindings", {"detectorId": DETECTOR_ID, "findingIds": ["a4c9"]}),
                               ("cloudtrail.amazonaws.com", "GetEventSelectors", {"trailName": TRAIL_ARN}),
                               ("config.amazonaws.com", "DescribeConfigurationRecorderStatus", None)]:
            c += timedelta(seconds=rnd.randint(5, 60))
            g.ev(c, sec, src, name, HOME, IP_ALICE, UA_CONSOLE, req, None, read_only=True, console=True)


def bob_day(g, t, use_role=False):
    rnd = g.rnd
    console_login(g, t, "bob", IP_OFFICE, UA_BROWSER_BOB, False)
    key = akid("ASIA", f"bob-console-{ts(t)}")
    me = g.user("bob", key, console=t, mfa=False)
    c = t + timedelta(seconds=15)
    for _ in range(rnd.randint(6, 12)):
        src, name, req = rnd.choice([("lambda.amazonaws.com", "ListFunctions20150331", None),
                                     ("lambda.amazonaws.com", "GetFunction20150331v2", {"functionName": "orders-processor"}),
                                     ("logs.amazonaws.com", "DescribeLogGroups", {"limit": 50}),
                                     ("logs.amazonaws.com", "FilterLogEvents", {"logGroupName": "/aws/lambda/orders-processor", "startTime": 0}),
                                     ("dynamodb.amazonaws.com", "DescribeTable", {"tableName": DDB_TABLE}),
                                     ("cloudwatch.amazonaws.com", "DescribeAlarms", None)])
        if src == "cloudwatch.amazonaws.com":
            src = "monitoring.amazonaws.com"
        c += timedelta(seconds=rnd.randint(10, 300))
        g.ev(c, me, src, name, HOME, IP_OFFICE, UA_CONSOLE, req, None, read_only=True, console=True)
    # harmless AccessDenied noise from the IAM console page
    c += timedelta(seconds=rnd.randint(10, 60))
    g.ev(c, me, "iam.amazonaws.com", "ListUsers", "us-east-1", IP_OFFICE, UA_CONSOLE, {"maxItems": 1000}, None, read_only=True,
         console=True, error=("AccessDenied", denied(USERS["bob"]["arn"], "iam:ListUsers", f"arn:aws:iam::{ACCT}:user/")),
         host="iam.amazonaws.com")
    # CLI from the office with the long-term key (old CLI v1 -> versioned event names)
    cli = g.user("bob", KEY_BOB)
    c += timedelta(minutes=rnd.randint(20, 120))
    for src, name, req, ro in [("sts.amazonaws.com", "GetCallerIdentity", None, True),
                               ("lambda.amazonaws.com", "ListFunctions20150331", None, True),
                               ("lambda.amazonaws.com", "GetFunctionConfiguration20150331v2", {"functionName": "orders-processor"}, True),
                               ("cloudfront.amazonaws.com", "ListDistributions2017_03_25", None, True),
                               ("ses.amazonaws.com", "ListIdentities", {"identityType": "Domain"}, True),
                               ("ses.amazonaws.com", "GetSendQuota", None, True),
                               ("sqs.amazonaws.com", "GetQueueAttributes", {"queueUrl": QUEUE_URL, "attributeNames": ["All"]}, True)]:
        if rnd.random() < 0.3 and name not in ("GetCallerIdentity",):
            continue
        region = "us-east-1" if src in ("cloudfront.amazonaws.com",) or name == "GetCallerIdentity" else HOME
        host = {"sts.amazonaws.com": "sts.amazonaws.com", "cloudfront.amazonaws.com": "cloudfront.amazonaws.com",
                "ses.amazonaws.com": f"email.{HOME}.amazonaws.com"}.get(src)
        c += timedelta(seconds=rnd.randint(2, 90))
        g.ev(c, cli, src, name, region, IP_OFFICE, UA_BOB_CLI, req, None, read_only=ro, host=host)
    if use_role:
        c += timedelta(seconds=rnd.randint(30, 600))
        skey = akid("ASIA", f"bob-devtools-{ts(c)}")
        g.assume_role(c, cli, IP_OFFICE, UA_BOB_CLI, "dev-tools-role", "bob-cli", skey, "us-east-1", host="sts.amazonaws.com")
        dt = g.role("dev-tools-role", "bob-cli", skey, c)
        for src, name, req, err in [
            ("lambda.amazonaws.com", "ListFunctions20150331", None, None),
            ("logs.amazonaws.com", "StartQuery", {"logGroupName": "/aws/lambda/orders-processor", "queryString": "fields @message | limit 20"}, None),
            ("s3.amazonaws.com", "ListBuckets", {"Host": "s3.amazonaws.com"}, ("AccessDenied", "User: arn:aws:sts::111122223333:assumed-role/dev-tools-role/bob-cli is not authorized to perform: s3:ListAllMyBuckets because no permissions boundary allows the s3:ListAllMyBuckets action"))]:
            c += timedelta(seconds=rnd.randint(3, 40))
            region = "us-east-1" if src == "s3.amazonaws.com" else HOME
            g.ev(c, dt, src, name, region, IP_OFFICE, UA_BOB_CLI, req, None, read_only=True, error=err)


# ---------------------------------------------------------------- the incident
def incident(g):
    rnd = random.Random(SEED + 1)
    A = IP_ATTACKER
    ci = g.user("ci-deploy", KEY_CI)
    ua1 = UA_ATTACKER_CLI
    g.ev(T("2026-10-03T14:02:11Z"), ci, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", A, ua1, None, None,
         read_only=True, host="sts.amazonaws.com", step="S01-GetCallerIdentity")
    arn = USERS["ci-deploy"]["arn"]
    g.ev(T("2026-10-03T14:03:05Z"), ci, "iam.amazonaws.com", "ListUsers", "us-east-1", A, ua1, None, None, read_only=True,
         error=("AccessDenied", denied(arn, "iam:ListUsers", f"arn:aws:iam::{ACCT}:user/")), host="iam.amazonaws.com",
         step="S02-ListUsers-denied")
    g.ev(T("2026-10-03T14:03:21Z"), ci, "iam.amazonaws.com", "ListRoles", "us-east-1", A, ua1, None, None, read_only=True,
         error=("AccessDenied", denied(arn, "iam:ListRoles", f"arn:aws:iam::{ACCT}:role/")), host="iam.amazonaws.com",
         step="S03-ListRoles-denied")
    g.ev(T("2026-10-03T14:03:40Z"), ci, "iam.amazonaws.com", "GetAccountAuthorizationDetails", "us-east-1", A, ua1, None, None,
         read_only=True, error=("AccessDenied", denied(arn, "iam:GetAccountAuthorizationDetails", "*")),
         host="iam.amazonaws.com", step="S04-GetAccountAuthorizationDetails-denied")
    g.ev(T("2026-10-03T14:04:02Z"), ci, "s3.amazonaws.com", "ListBuckets", "us-east-1", A, ua1, {"Host": "s3.amazonaws.com"}, None,
         read_only=True, host="s3.amazonaws.com",
         extra={"SignatureVersion": "SigV4", "CipherSuite": "ECDHE-RSA-AES128-GCM-SHA256", "bytesTransferredIn": 0,
                "AuthenticationMethod": "AuthHeader", "x-amz-id-2": g.amzid2(), "bytesTransferredOut": 1932},
         step="S05-ListBuckets")
    for i, (tm, region, scp) in enumerate([("2026-10-03T14:04:31Z", "eu-west-1", False), ("2026-10-03T14:04:38Z", "us-east-1", False),
                                           ("2026-10-03T14:04:44Z", "us-west-2", True), ("2026-10-03T14:04:51Z", "ap-southeast-1", True)]):
        err = None
        if scp:
            err = ("Client.UnauthorizedOperation", "You are not authorized to perform this operation. " +
                   denied(arn, "ec2:DescribeInstances", scp=True))
        g.ev(T(tm), ci, "ec2.amazonaws.com", "DescribeInstances", region, A, ua1, {"instancesSet": {}, "filterSet": {}}, None,
             read_only=True, error=err, host=f"ec2.{region}.amazonaws.com",
             step=f"S{6 + i:02d}-DescribeInstances-{region}")
    # role assumption: the misconfigured sts:AssumeRole on role/* + OpsAdminRole trusting the account root without MFA
    t_ar = T("2026-10-03T14:06:12Z")
    g.assume_role(t_ar, ci, A, ua1, "OpsAdminRole", "ci-maint", KEY_OPS_SESSION, "us-east-1", duration=3600,
                  step="S10-AssumeRole-OpsAdminRole", host="sts.amazonaws.com")
    ops = g.role("OpsAdminRole", "ci-maint", KEY_OPS_SESSION, t_ar)
    g.ev(T("2026-10-03T14:07:02Z"), ops, "iam.amazonaws.com", "ListUsers", "us-east-1", A, ua1, None, None, read_only=True,
         host="iam.amazonaws.com", step="S11-ListUsers-as-OpsAdminRole")
    svc = USERS["svc-backup"]
    g.ev(T("2026-10-03T14:08:15Z"), ops, "iam.amazonaws.com", "CreateUser", "us-east-1", A, ua1, {"userName": "svc-backup"},
         {"user": {"path": "/", "userName": "svc-backup", "userId": svc["id"], "arn": svc["arn"], "createDate": "Oct 3, 2026, 2:08:15 PM"}},
         read_only=False, host="iam.amazonaws.com", step="S12-CreateUser-svc-backup")
    g.ev(T("2026-10-03T14:08:39Z"), ops, "iam.amazonaws.com", "CreateAccessKey", "us-east-1", A, ua1, {"userName": "svc-backup"},
         {"accessKey": {"userName": "svc-backup", "accessKeyId": KEY_BACKDOOR, "status": "Active", "createDate": "Oct 3, 2026, 2:08:39 PM"}},
         read_only=False, host="iam.amazonaws.com", step="S13-CreateAccessKey-svc-backup")
    g.ev(T("2026-10-03T14:09:02Z"), ops, "iam.amazonaws.com", "AttachUserPolicy", "us-east-1", A, ua1,
         {"userName": "svc-backup", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}, None, read_only=False,
         host="iam.amazonaws.com", step="S14-AttachUserPolicy-AdministratorAccess")
    g.ev(T("2026-10-03T14:10:30Z"), ops, "iam.amazonaws.com", "UpdateAssumeRolePolicy", "us-east-1", A, ua1,
         {"roleName": "DeployRole", "policyDocument": json.dumps(DEPLOY_TRUST_BACKDOORED)}, None, read_only=False,
         host="iam.amazonaws.com", step="S15-UpdateAssumeRolePolicy-DeployRole")
    # data access as the OpsAdminRole session
    t = T("2026-10-03T14:12:04Z")
    g.s3_list(t, ops, A, f"[{ua1}]", CUSTOMER_BUCKET, "", step="S16-ListObjects-customer-data")
    g.s3_list(t + timedelta(seconds=9), ops, A, f"[{ua1}]", CUSTOMER_BUCKET, "exports/")
    g.s3_list(t + timedelta(seconds=17), ops, A, f"[{ua1}]", CUSTOMER_BUCKET, "exports/2026/09/")
    c = t + timedelta(seconds=41)
    g.kms(c - timedelta(seconds=1), g.role("OpsAdminRole", "ci-maint", KEY_OPS_SESSION, t_ar, invoked_by="s3.amazonaws.com"),
          "s3.amazonaws.com", "s3.amazonaws.com", "Decrypt", KMS_KEY_ARN, {"aws:s3:arn": f"arn:aws:s3:::{CUSTOMER_BUCKET}"},
          step="S17-KMS-Decrypt-via-S3")
    for i, k in enumerate(OBJ_EXPORTS[:40]):
        g.s3_object(c, ops, A, f"[{ua1}]", "GetObject", CUSTOMER_BUCKET, k, size=rnd.randint(180000, 2400000),
                    step="S18-GetObject-first-as-OpsAdminRole" if i == 0 else None)
        c += timedelta(seconds=rnd.randint(3, 11))
    # defence evasion, denied by the SCP at OU Production
    g.ev(T("2026-10-03T14:21:47Z"), ops, "cloudtrail.amazonaws.com", "StopLogging", HOME, A, ua1, {"name": TRAIL_ARN}, None,
         read_only=False, error=("AccessDenied", denied(ops["arn"], "cloudtrail:StopLogging", TRAIL_ARN, scp=True)),
         host=f"cloudtrail.{HOME}.amazonaws.com", step="S19-StopLogging-denied-by-SCP")
    g.ev(T("2026-10-03T14:22:30Z"), ops, "guardduty.amazonaws.com", "ListDetectors", HOME, A, ua1, None, None, read_only=True,
         host=f"guardduty.{HOME}.amazonaws.com", step="S20-ListDetectors")
    g.ev(T("2026-10-03T14:22:58Z"), ops, "guardduty.amazonaws.com", "DeleteDetector", HOME, A, ua1, {"detectorId": DETECTOR_ID}, None,
         read_only=False, error=("AccessDeniedException", denied(ops["arn"], "guardduty:DeleteDetector",
                                                                  f"arn:aws:guardduty:{HOME}:{ACCT}:detector/{DETECTOR_ID}", scp=True)),
         host=f"guardduty.{HOME}.amazonaws.com", step="S21-DeleteDetector-denied-by-SCP")
    # the backdoor key: svc-backup, bulk download with boto3
    sb = g.user("svc-backup", KEY_BACKDOOR)
    g.ev(T("2026-10-03T14:35:10Z"), sb, "sts.amazonaws.com", "GetCallerIdentity", "us-east-1", A, UA_ATTACKER_BOTO, None, None,
         read_only=True, host="sts.amazonaws.com", step="S22-GetCallerIdentity-svc-backup")
    t = T("2026-10-03T14:36:02Z")
    g.s3_list(t, sb, A, f"[{UA_ATTACKER_BOTO}]", CUSTOMER_BUCKET, "exports/2026/09/", step="S23-ListObjects-svc-backup")
    g.s3_list(t + timedelta(seconds=3), sb, A, f"[{UA_ATTACKER_BOTO}]", CUSTOMER_BUCKET, "exports/2026/08/")
    c = t + timedelta(seconds=8)
    g.kms(c - timedelta(seconds=1), dict(sb, invokedBy="s3.amazonaws.com"), "s3.amazonaws.com", "s3.amazonaws.com", "Decrypt",
          KMS_KEY_ARN, {"aws:s3:arn": f"arn:aws:s3:::{CUSTOMER_BUCKET}"})
    keys = OBJ_EXPORTS[40:] + [f"exports/2026/08/customers-{i:04d}.csv.gz" for i in range(1, 31)]
    for i, k in enumerate(keys):
        g.s3_object(c, sb, A, f"[{UA_ATTACKER_BOTO}]", "GetObject", CUSTOMER_BUCKET, k, size=rnd.randint(180000, 2400000),
                    step="S24-GetObject-first-as-svc-backup" if i == 0 else ("S25-GetObject-last-as-svc-backup" if i == len(keys) - 1 else None))
        c += timedelta(seconds=rnd.randint(4, 14))

    # ---- response on Sunday 2026-10-04 by alice
    t = T("2026-10-04T08:12:30Z")
    console_login(g, t, "alice", IP_ALICE, UA_BROWSER_ALICE, True)
    g.story.append(("R01-ConsoleLogin-alice", g.events[-1]))
    key = akid("ASIA", "alice-console-response")
    me = g.user("alice", key, console=t, mfa=True)
    for i, tm in enumerate(["2026-10-04T08:14:02Z", "2026-10-04T08:15:40Z", "2026-10-04T08:19:13Z"]):
        g.ev(T(tm), me, "cloudtrail.amazonaws.com", "LookupEvents", HOME, IP_ALICE, UA_CONSOLE,
             {"maxResults": 50, "lookupAttributes": [{"attributeKey": "Username", "attributeValue": ["ci-deploy", "svc-backup", "ci-maint"][i]}]},
             None, read_only=True, console=True)
    g.ev(T("2026-10-04T08:22:41Z"), me, "iam.amazonaws.com", "ListAccessKeys", "us-east-1", IP_ALICE, UA_CONSOLE, {"userName": "svc-backup"},
         None, read_only=True, console=True, host="iam.amazonaws.com")
    g.ev(T("2026-10-04T08:23:05Z"), me, "iam.amazonaws.com", "UpdateAccessKey", "us-east-1", IP_ALICE, UA_CONSOLE,
         {"userName": "svc-backup", "accessKeyId": KEY_BACKDOOR, "status": "Inactive"}, None, read_only=False, console=True,
         host="iam.amazonaws.com", step="R02-UpdateAccessKey-svc-backup-Inactive")
    g.ev(T("2026-10-04T08:24:16Z"), me, "iam.amazonaws.com", "UpdateAccessKey", "us-east-1", IP_ALICE, UA_CONSOLE,
         {"userName": "ci-deploy", "accessKeyId": KEY_CI, "status": "Inactive"}, None, read_only=False, console=True,
         host="iam.amazonaws.com", step="R03-UpdateAccessKey-ci-deploy-Inactive")
    g.ev(T("2026-10-04T08:31:52Z"), me, "iam.amazonaws.com", "UpdateAssumeRolePolicy", "us-east-1", IP_ALICE, UA_CONSOLE,
         {"roleName": "DeployRole", "policyDocument": json.dumps(TRUST["DeployRole"])}, None, read_only=False, console=True,
         host="iam.amazonaws.com", step="R04-UpdateAssumeRolePolicy-DeployRole-reverted")
    g.ev(T("2026-10-04T08:40:27Z"), me, "iam.amazonaws.com", "CreateAccessKey", "us-east-1", IP_ALICE, UA_CONSOLE,
         {"userName": "ci-deploy"},
         {"accessKey": {"userName": "ci-deploy", "accessKeyId": KEY_CI2, "status": "Active", "createDate": "Oct 4, 2026, 8:40:27 AM"}},
         read_only=False, console=True, host="iam.amazonaws.com", step="R05-CreateAccessKey-ci-deploy-2")
    g.ev(T("2026-10-04T08:44:09Z"), me, "iam.amazonaws.com", "GenerateCredentialReport", "us-east-1", IP_ALICE, UA_CONSOLE, None,
         {"state": "STARTED", "description": "No report exists. Starting a new report generation task"}, read_only=False,
         console=True, host="iam.amazonaws.com")


# ---------------------------------------------------------------- writing
def sandbox_acl_read(g):
    """acme-sandbox's integration tests read a release bundle across accounts; only the object's ACL allows it."""
    t = T("2026-10-05T10:27:14Z")
    ident = {"type": "AWSAccount", "principalId": "AROA2SBXINTEGR8TESTS7:integration-run-2291", "accountId": SANDBOX}
    r = g.s3_object(t, ident, "54.216.88.10", "[aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.8.0-1014-aws md/arch#x86_64 "
                    "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 "
                    "md/prompt#off md/command#s3.cp]", "GetObject", ARTIFACT_BUCKET, RELEASE_KEY, size=7340521,
                    step="X1-GetObject-sandbox-via-acl")
    r["sharedEventID"] = story_uuid("X1-GetObject-sandbox-via-acl-shared")


def write_json(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def write_gz(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))


def write_trail(g, out):
    base = os.path.join(out, "case", "AWSLogs", ACCT)
    rnd = random.Random(SEED + 2)
    events = sorted(g.events, key=lambda r: (r["eventTime"], r["awsRegion"], r["eventID"]))
    buckets = {}
    for r in events:
        t = T(r["eventTime"])
        slot = t.replace(minute=(t.minute // 15) * 15, second=0)
        buckets.setdefault((r["awsRegion"], slot), []).append(r)
    files = []
    for (region, slot), recs in sorted(buckets.items()):
        stamp = slot + timedelta(minutes=15 + rnd.randint(0, 4))
        name = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(16))
        d = os.path.join(base, "CloudTrail", region, f"{stamp:%Y}", f"{stamp:%m}", f"{stamp:%d}")
        fn = f"{ACCT}_CloudTrail_{region}_{stamp:%Y%m%dT%H%MZ}_{name}.json.gz"
        data = json.dumps({"Records": recs}, separators=(",", ":")).encode()
        write_gz(os.path.join(d, fn), data)
        files.append({"region": region, "stamp": stamp, "rel": os.path.relpath(os.path.join(d, fn), os.path.join(out, "case")),
                      "sha256": hashlib.sha256(data).hexdigest(), "oldest": recs[0]["eventTime"], "newest": recs[-1]["eventTime"]})
    # two digest files for eu-west-1 (trail home region) covering 13:00-14:00 and 14:00-15:00 on 2026-10-03
    prev = None
    for hour in (13, 14):
        start = datetime(2026, 10, 3, hour, 0, 0, tzinfo=UTC)
        endt = start + timedelta(hours=1)
        delivered = endt + timedelta(minutes=21, seconds=37)
        logs = [f for f in files if f["region"] == HOME and start <= f["stamp"] < endt]
        dname = f"{ACCT}_CloudTrail-Digest_{HOME}_{TRAIL}_{HOME}_{delivered:%Y%m%dT%H%M%SZ}.json.gz"
        rel = f"AWSLogs/{ACCT}/CloudTrail-Digest/{HOME}/{delivered:%Y/%m/%d}/{dname}"
        dg = {"awsAccountId": ACCT, "digestStartTime": ts(start), "digestEndTime": ts(endt),
              "digestS3Bucket": TRAIL_BUCKET, "digestS3Object": rel,
              "digestPublicKeyFingerprint": "9c0d1e2f3a4b5c6d7e8f90a1b2c3d4e5",
              "digestSignatureAlgorithm": "SHA256withRSA",
              "newestEventTime": max(f["newest"] for f in logs), "oldestEventTime": min(f["oldest"] for f in logs),
              "previousDigestS3Bucket": TRAIL_BUCKET if prev else None,
              "previousDigestS3Object": prev["rel"] if prev else None,
              "previousDigestHashValue": prev["hash"] if prev else None,
              "previousDigestHashAlgorithm": "SHA-256" if prev else None,
              "previousDigestSignature": "".join(rnd.choice("0123456789abcdef") for _ in range(512)) if prev else None,
              "logFiles": [{"s3Bucket": TRAIL_BUCKET, "s3Object": f["rel"], "hashValue": f["sha256"], "hashAlgorithm": "SHA-256",
                            "newestEventTime": f["newest"], "oldestEventTime": f["oldest"]} for f in logs]}
        data = json.dumps(dg, separators=(",", ":")).encode()
        write_gz(os.path.join(out, "case", rel), data)
        prev = {"rel": rel, "hash": hashlib.sha256(data).hexdigest()}
    return events, files


def key_last_used(events, key):
    last = None
    for r in events:
        if r["userIdentity"].get("accessKeyId") == key:
            last = r
    return last


def credential_report(events, out):
    cols = ["user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
            "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
            "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
            "cert_2_active", "cert_2_last_rotated"]

    def iso(s):
        return s.replace("Z", "+00:00")

    def last_login(name):
        t = None
        for r in events:
            if r["eventName"] == "ConsoleLogin" and r["userIdentity"].get("userName") == name:
                t = r["eventTime"]
        return iso(t) if t else "no_information"

    def keyuse(key):
        r = key_last_used(events, key)
        if not r:
            return ["N/A", "N/A", "N/A"]
        return [iso(r["eventTime"][:17] + "00Z"), r["awsRegion"], r["eventSource"].split(".")[0]]

    rows = [
        ["<root_account>", f"arn:aws:iam::{ACCT}:root", "2023-11-02T10:15:27+00:00", "not_supported",
         last_login_root(events), "not_supported", "not_supported", "true", "false", "N/A", "N/A", "N/A", "N/A",
         "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"],
        ["alice", USERS["alice"]["arn"], iso(USERS["alice"]["created"]), "true", last_login("alice"), "2026-07-15T09:02:11+00:00",
         "2026-10-13T09:02:11+00:00", "true", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
         "false", "N/A", "false", "N/A"],
        ["bob", USERS["bob"]["arn"], iso(USERS["bob"]["created"]), "true", last_login("bob"), "2026-08-29T12:40:55+00:00",
         "2026-11-27T12:40:55+00:00", "false", "true", "2025-02-11T09:31:20+00:00", *keyuse(KEY_BOB),
         "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"],
        ["ci-deploy", USERS["ci-deploy"]["arn"], iso(USERS["ci-deploy"]["created"]), "false", "N/A", "N/A", "N/A", "false",
         "false", "2025-01-20T15:41:03+00:00", *keyuse(KEY_CI),
         "true", "2026-10-04T08:40:27+00:00", *keyuse(KEY_CI2), "false", "N/A", "false", "N/A"],
        ["reports-legacy", USERS["reports-legacy"]["arn"], iso(USERS["reports-legacy"]["created"]), "false", "N/A", "N/A", "N/A",
         "false", "true", "2026-03-22T10:04:51+00:00", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
         "false", "N/A", "false", "N/A"],
        ["svc-backup", USERS["svc-backup"]["arn"], iso(USERS["svc-backup"]["created"]), "false", "N/A", "N/A", "N/A", "false",
         "false", "2026-10-03T14:08:39+00:00", *keyuse(KEY_BACKDOOR), "false", "N/A", "N/A", "N/A", "N/A",
         "false", "N/A", "false", "N/A"],
    ]
    path = os.path.join(out, "case", "iam", "credential-report.csv")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def last_login_root(events):
    t = None
    for r in events:
        if r["eventName"] == "ConsoleLogin" and r["userIdentity"]["type"] == "Root":
            t = r["eventTime"]
    return t.replace("Z", "+00:00")


def policy_entry(name, arn, path, doc_versions, created, attach, boundary=0):
    versions = []
    for i, (d, when) in enumerate(doc_versions, start=1):
        versions.append({"Document": d, "VersionId": f"v{i}", "IsDefaultVersion": i == len(doc_versions), "CreateDate": when})
    versions.reverse()
    return {"PolicyName": name, "PolicyId": rid("ANPA", name), "Arn": arn, "Path": path,
            "DefaultVersionId": f"v{len(doc_versions)}", "AttachmentCount": attach,
            "PermissionsBoundaryUsageCount": boundary, "IsAttachable": True, "CreateDate": created,
            "UpdateDate": doc_versions[-1][1], "PolicyVersionList": versions}


def auth_details(events, out):
    def cm(n):
        return f"arn:aws:iam::{ACCT}:policy/{n}"

    def aws(n, p="/"):
        return f"arn:aws:iam::aws:policy{p}{n}"

    def last_used(role):
        last = None
        for r in events:
            sc = r["userIdentity"].get("sessionContext", {}).get("sessionIssuer", {})
            if sc.get("userName") == role:
                last = r
        return {"LastUsedDate": last["eventTime"], "Region": last["awsRegion"]} if last else {}

    users = [
        {"Path": "/", "UserName": "alice", "UserId": USERS["alice"]["id"], "Arn": USERS["alice"]["arn"], "CreateDate": USERS["alice"]["created"],
         "UserPolicyList": [], "GroupList": ["Admins"], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "platform"}]},
        {"Path": "/", "UserName": "bob", "UserId": USERS["bob"]["id"], "Arn": USERS["bob"]["arn"], "CreateDate": USERS["bob"]["created"],
         "UserPolicyList": [], "GroupList": ["Developers"], "AttachedManagedPolicies": [], "Tags": [{"Key": "team", "Value": "orders"}]},
        {"Path": "/", "UserName": "ci-deploy", "UserId": USERS["ci-deploy"]["id"], "Arn": USERS["ci-deploy"]["arn"],
         "CreateDate": USERS["ci-deploy"]["created"], "UserPolicyList": [], "GroupList": [],
         "AttachedManagedPolicies": [{"PolicyName": "ci-deploy-policy", "PolicyArn": cm("ci-deploy-policy")}],
         "Tags": [{"Key": "owner", "Value": "platform"}, {"Key": "purpose", "Value": "ci"}]},
        {"Path": "/", "UserName": "reports-legacy", "UserId": USERS["reports-legacy"]["id"], "Arn": USERS["reports-legacy"]["arn"],
         "CreateDate": USERS["reports-legacy"]["created"],
         "UserPolicyList": [{"PolicyName": "LegacyReportsRead", "PolicyDocument": LEGACY_READ}], "GroupList": [],
         "AttachedManagedPolicies": [], "Tags": []},
        {"Path": "/", "UserName": "svc-backup", "UserId": USERS["svc-backup"]["id"], "Arn": USERS["svc-backup"]["arn"],
         "CreateDate": USERS["svc-backup"]["created"], "UserPolicyList": [], "GroupList": [],
         "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": aws("AdministratorAccess")}], "Tags": []},
    ]
    groups = [
        {"Path": "/", "GroupName": "Admins", "GroupId": rid("AGPA", "Admins"), "Arn": f"arn:aws:iam::{ACCT}:group/Admins",
         "CreateDate": "2024-02-12T09:10:02Z", "GroupPolicyList": [],
         "AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": aws("AdministratorAccess")}]},
        {"Path": "/", "GroupName": "Developers", "GroupId": rid("AGPA", "Developers"), "Arn": f"arn:aws:iam::{ACCT}:group/Developers",
         "CreateDate": "2024-06-03T10:58:44Z", "GroupPolicyList": [{"PolicyName": "DevelopersSelfService", "PolicyDocument": DEV_SELF_SERVICE}],
         "AttachedManagedPolicies": [{"PolicyName": "PowerUserAccess", "PolicyArn": aws("PowerUserAccess")}]},
    ]

    def role(name, attached, inline=(), boundary=None, profile=None, tags=()):
        r = ROLES[name]
        d = {"Path": r["path"], "RoleName": name, "RoleId": r["id"], "Arn": r["arn"], "CreateDate": r["created"],
             "AssumeRolePolicyDocument": TRUST[name], "InstanceProfileList": [],
             "RolePolicyList": [{"PolicyName": n, "PolicyDocument": p} for n, p in inline],
             "AttachedManagedPolicies": [{"PolicyName": n, "PolicyArn": a} for n, a in attached],
             "Tags": [{"Key": k, "Value": v} for k, v in tags], "RoleLastUsed": last_used(name)}
        if boundary:
            d["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
        if profile:
            d["InstanceProfileList"] = [{"Path": "/", "InstanceProfileName": profile, "InstanceProfileId": rid("AIPA", profile),
                                         "Arn": f"arn:aws:iam::{ACCT}:instance-profile/{profile}", "CreateDate": r["created"],
                                         "Roles": [{"Path": r["path"], "RoleName": name, "RoleId": r["id"], "Arn": r["arn"],
                                                    "CreateDate": r["created"], "AssumeRolePolicyDocument": TRUST[name]}]}]
        return d

    roles = [
        role("AWSServiceRoleForConfig", [("AWSConfigServiceRolePolicy", aws("AWSConfigServiceRolePolicy", "/aws-service-role/"))]),
        role("AWSServiceRoleForSupport", [("AWSSupportServiceRolePolicy", aws("AWSSupportServiceRolePolicy", "/aws-service-role/"))]),
        role("DeployRole", [("DeployRolePolicy", cm("DeployRolePolicy"))], tags=[("owner", "platform")]),
        role("OpsAdminRole", [("AdministratorAccess", aws("AdministratorAccess"))], tags=[("owner", "platform"), ("purpose", "break-glass ops")]),
        role("OrgSecurityAdmin", [("SecurityToolingAdmin", cm("SecurityToolingAdmin"))]),
        role("app-server-role", [("AppServerPolicy", cm("AppServerPolicy"))], profile="app-server"),
        role("dev-tools-role", [("PowerUserAccess", aws("PowerUserAccess"))], boundary=cm("DevBoundary")),
        role("orders-processor-role", [("AWSLambdaBasicExecutionRole", aws("AWSLambdaBasicExecutionRole", "/service-role/"))],
             inline=[("orders-processor-access", ORDERS_FN_POLICY)]),
    ]
    policies = [
        policy_entry("AdministratorAccess", aws("AdministratorAccess"), "/", [(ADMIN_ACCESS, "2015-02-06T18:39:46Z")], "2015-02-06T18:39:46Z", 3),
        policy_entry("PowerUserAccess", aws("PowerUserAccess"), "/", [(POWER_USER, "2023-07-06T22:04:19Z")], "2015-02-06T18:39:47Z", 2),
        policy_entry("AWSLambdaBasicExecutionRole", aws("AWSLambdaBasicExecutionRole", "/service-role/"), "/service-role/",
                     [(LAMBDA_BASIC, "2015-04-09T15:03:43Z")], "2015-04-09T15:03:43Z", 1),
        policy_entry("AWSSupportServiceRolePolicy", aws("AWSSupportServiceRolePolicy", "/aws-service-role/"), "/aws-service-role/",
                     [(SUPPORT_SLR, "2026-06-12T16:31:06Z")], "2018-04-19T18:04:44Z", 1),
        policy_entry("AWSConfigServiceRolePolicy", aws("AWSConfigServiceRolePolicy", "/aws-service-role/"), "/aws-service-role/",
                     [(CONFIG_SLR, "2026-09-18T17:55:03Z")], "2018-05-30T23:31:46Z", 1),
        policy_entry("ci-deploy-policy", cm("ci-deploy-policy"), "/", [(CI_POLICY_V1, "2025-01-20T15:42:10Z"), (CI_POLICY_V2, "2026-08-14T11:27:36Z")],
                     "2025-01-20T15:42:10Z", 1),
        policy_entry("DeployRolePolicy", cm("DeployRolePolicy"), "/", [(DEPLOY_POLICY, "2025-01-20T15:53:02Z")], "2025-01-20T15:53:02Z", 1),
        policy_entry("AppServerPolicy", cm("AppServerPolicy"), "/", [(APP_SERVER_POLICY, "2024-04-18T13:12:40Z")], "2024-04-18T13:12:40Z", 1),
        policy_entry("SecurityToolingAdmin", cm("SecurityToolingAdmin"), "/", [(SECURITY_TOOLING, "2024-02-12T09:31:18Z")], "2024-02-12T09:31:18Z", 1),
        policy_entry("DevBoundary", cm("DevBoundary"), "/", [(DEV_BOUNDARY, "2025-03-10T10:18:51Z")], "2025-03-10T10:18:51Z", 0, boundary=1),
    ]
    def cli_dates(o):  # the AWS CLI prints timestamps as 2026-10-03T14:08:15+00:00
        if isinstance(o, dict):
            return {k: (v[:-1] + "+00:00" if k in ("CreateDate", "UpdateDate", "LastUsedDate") and isinstance(v, str) and v.endswith("Z")
                        else cli_dates(v)) for k, v in o.items()}
        if isinstance(o, list):
            return [cli_dates(v) for v in o]
        return o
    write_json(os.path.join(out, "case", "iam", "account-authorization-details.json"),
               cli_dates({"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies}))


def access_advisor(events, out):
    """IAM Access Advisor, taken with the other IAM data on 2026-10-08 (access-advisor/v1 envelope).

    ci-deploy's action-level report: the services its policy allows, each last accessed as the trail
    shows (attempts count, as in AWS's data), plus what the week cannot show: the monthly release
    check's DescribeStacks (2026-09-21) and a DescribeRegions smoke test (2026-09-12). reports-legacy's
    report: S3 never accessed in the tracking period (its key was never used either).
    """
    ci = USERS["ci-deploy"]["arn"]
    names = {"sts": "AWS Security Token Service", "s3": "Amazon S3", "ecr": "Amazon Elastic Container Registry",
             "ec2": "Amazon EC2", "cloudformation": "AWS CloudFormation"}
    last = {}
    for r in events:  # time order
        if r["userIdentity"].get("arn") == ci:
            last[r["eventSource"].split(".")[0]] = r
    last_describe = [r for r in events if r["userIdentity"].get("arn") == ci and r["eventName"] == "DescribeInstances"][-1]

    def cli(t):  # the AWS CLI prints timestamps as 2026-10-03T14:04:38+00:00
        return t.replace("Z", "+00:00")

    services = []
    for ns in sorted(names, key=lambda n: names[n]):
        s = {"ServiceName": names[ns], "ServiceNamespace": ns}
        if ns == "cloudformation":
            s.update({"LastAuthenticated": "2026-09-21T10:14:52+00:00", "LastAuthenticatedEntity": ci,
                      "LastAuthenticatedRegion": HOME})
        else:
            r = last[ns]
            s.update({"LastAuthenticated": cli(r["eventTime"]), "LastAuthenticatedEntity": ci,
                      "LastAuthenticatedRegion": r["awsRegion"]})
        s["TotalAuthenticatedEntities"] = 1
        if ns == "ec2":
            s["TrackedActionsLastAccessed"] = [
                {"ActionName": "DescribeInstances", "LastAccessedEntity": ci, "LastAccessedRegion": last_describe["awsRegion"],
                 "LastAccessedTime": cli(last_describe["eventTime"])},
                {"ActionName": "DescribeRegions", "LastAccessedEntity": ci, "LastAccessedRegion": HOME,
                 "LastAccessedTime": "2026-09-12T06:31:07+00:00"}]
        services.append(s)
    ci_report = {"JobStatus": "COMPLETED", "JobType": "ACTION_LEVEL", "JobCreationDate": "2026-10-08T09:12:40.518000+00:00",
                 "ServicesLastAccessed": services, "JobCompletionDate": "2026-10-08T09:12:43.066000+00:00",
                 "IsTruncated": False}
    legacy_report = {"JobStatus": "COMPLETED", "JobType": "SERVICE_LEVEL", "JobCreationDate": "2026-10-08T09:13:02.907000+00:00",
                     "ServicesLastAccessed": [{"ServiceName": "Amazon S3", "ServiceNamespace": "s3",
                                               "TotalAuthenticatedEntities": 0}],
                     "JobCompletionDate": "2026-10-08T09:13:04.211000+00:00", "IsTruncated": False}
    write_json(os.path.join(out, "case", "iam", "access-advisor.json"),
               {"trailbench": "access-advisor/v1",
                "reports": [{"principalArn": ci, "report": ci_report},
                            {"principalArn": USERS["reports-legacy"]["arn"], "report": legacy_report}]})


def simulate_files(out):
    d = os.path.join(out, "simulate")
    scps = [[{"name": "FullAWSAccess", "document": FULL_AWS_ACCESS}],
            [{"name": "FullAWSAccess", "document": FULL_AWS_ACCESS}, {"name": "RegionGuard", "document": REGION_GUARD}],
            [{"name": "FullAWSAccess", "document": FULL_AWS_ACCESS}, {"name": "ProtectSecurityTooling", "document": PROTECT_SECURITY}],
            [{"name": "FullAWSAccess", "document": FULL_AWS_ACCESS}]]
    rcps = [[{"name": "RCPFullAWSAccess", "document": RCP_FULL}, {"name": "OrgDataPerimeter", "document": RCP_PERIMETER}],
            [{"name": "RCPFullAWSAccess", "document": RCP_FULL}],
            [{"name": "RCPFullAWSAccess", "document": RCP_FULL}],
            [{"name": "RCPFullAWSAccess", "document": RCP_FULL}]]
    ops_arn = f"arn:aws:sts::{ACCT}:assumed-role/OpsAdminRole/ci-maint"

    def ctx_ops(region, **extra):
        c = {"aws:SourceIp": IP_ATTACKER, "aws:MultiFactorAuthPresent": "false", "aws:SecureTransport": "true",
             "aws:PrincipalArn": ROLES["OpsAdminRole"]["arn"], "aws:PrincipalAccount": ACCT, "aws:PrincipalOrgID": ORG_ID,
             "aws:PrincipalType": "AssumedRole", "aws:userid": f"{ROLES['OpsAdminRole']['id']}:ci-maint",
             "aws:RequestedRegion": region, "aws:TokenIssueTime": "2026-10-03T14:06:12Z", "aws:ViaAWSService": "false"}
        c.update(extra)
        return c

    def ctx_ci(region):
        return {"aws:SourceIp": IP_ATTACKER, "aws:SecureTransport": "true", "aws:PrincipalArn": USERS["ci-deploy"]["arn"],
                "aws:PrincipalAccount": ACCT, "aws:PrincipalOrgID": ORG_ID, "aws:PrincipalType": "User",
                "aws:username": "ci-deploy", "aws:userid": USERS["ci-deploy"]["id"], "aws:RequestedRegion": region,
                "aws:ViaAWSService": "false"}

    admin = [{"name": "AdministratorAccess", "document": ADMIN_ACCESS}]
    ci_pol = [{"name": "ci-deploy-policy", "document": CI_POLICY_V2}]
    obj = f"arn:aws:s3:::{CUSTOMER_BUCKET}/{OBJ_EXPORTS[0]}"

    def case(principal, action, resource, ctx, ident, resource_policy=None, rcp=True):
        return {"request": {"principal": principal, "action": action, "resource": resource, "resourceAccount": ACCT, "context": ctx},
                "identityPolicies": ident, "permissionsBoundary": None, "sessionPolicy": None,
                "resourcePolicy": resource_policy, "scps": scps, "rcps": rcps if rcp else []}

    c1 = case(ops_arn, "iam:CreateUser", USERS["svc-backup"]["arn"], ctx_ops("us-east-1"), admin)
    c2 = case(ops_arn, "cloudtrail:StopLogging", TRAIL_ARN, ctx_ops(HOME), admin)
    c3 = case(USERS["ci-deploy"]["arn"], "iam:ListUsers", f"arn:aws:iam::{ACCT}:user/", ctx_ci("us-east-1"), ci_pol)
    c4 = case(ops_arn, "s3:GetObject", obj, ctx_ops(HOME), admin, BUCKET_POLICY)
    c_ar = case(USERS["ci-deploy"]["arn"], "sts:AssumeRole", ROLES["OpsAdminRole"]["arn"], ctx_ci("us-east-1"), ci_pol, TRUST["OpsAdminRole"])
    c_ec2 = case(USERS["ci-deploy"]["arn"], "ec2:DescribeInstances", "*", ctx_ci("ap-southeast-1"), ci_pol)
    sb_ctx = {"aws:SourceIp": IP_ATTACKER, "aws:SecureTransport": "true", "aws:PrincipalArn": USERS["svc-backup"]["arn"],
              "aws:PrincipalAccount": ACCT, "aws:PrincipalOrgID": ORG_ID, "aws:PrincipalType": "User", "aws:username": "svc-backup",
              "aws:userid": USERS["svc-backup"]["id"], "aws:RequestedRegion": HOME, "aws:ViaAWSService": "false"}
    c_sb = case(USERS["svc-backup"]["arn"], "s3:GetObject", f"arn:aws:s3:::{CUSTOMER_BUCKET}/{OBJ_EXPORTS[40]}", sb_ctx, admin, BUCKET_POLICY)
    c_http = case(ops_arn, "s3:GetObject", obj, ctx_ops(HOME, **{"aws:SecureTransport": "false"}), admin, BUCKET_POLICY)
    c_gd = case(ops_arn, "guardduty:DeleteDetector", f"arn:aws:guardduty:{HOME}:{ACCT}:detector/{DETECTOR_ID}", ctx_ops(HOME), admin)
    ext = {"request": {"principal": f"arn:aws:iam::{EXTERNAL}:root", "action": "s3:GetObject", "resource": obj, "resourceAccount": ACCT,
                       "context": {"aws:SourceIp": IP_ATTACKER, "aws:SecureTransport": "true", "aws:PrincipalArn": f"arn:aws:iam::{EXTERNAL}:root",
                                   "aws:PrincipalAccount": EXTERNAL, "aws:PrincipalType": "Account", "aws:RequestedRegion": HOME}},
           "identityPolicies": [{"name": "external-admin", "document": ADMIN_ACCESS}], "permissionsBoundary": None, "sessionPolicy": None,
           "resourcePolicy": BUCKET_POLICY, "scps": [], "rcps": rcps}
    c_bob = case(f"arn:aws:sts::{ACCT}:assumed-role/dev-tools-role/bob-cli", "s3:ListAllMyBuckets", "*",
                 {"aws:SourceIp": IP_OFFICE, "aws:SecureTransport": "true", "aws:PrincipalArn": ROLES["dev-tools-role"]["arn"],
                  "aws:PrincipalAccount": ACCT, "aws:PrincipalOrgID": ORG_ID, "aws:PrincipalType": "AssumedRole",
                  "aws:RequestedRegion": "us-east-1", "aws:MultiFactorAuthPresent": "false"},
                 [{"name": "PowerUserAccess", "document": POWER_USER}])
    c_bob["permissionsBoundary"] = {"name": "DevBoundary", "document": DEV_BOUNDARY}
    write_json(os.path.join(d, "01-backdoor-createuser-via-opsadminrole.json"), c1)
    write_json(os.path.join(d, "02-stoplogging-denied-by-scp.json"), c2)
    write_json(os.path.join(d, "03-listusers-denied-for-ci-deploy.json"), c3)
    write_json(os.path.join(d, "04-s3-getobject-customer-data.json"), c4)
    write_json(os.path.join(d, "05-batch.json"), [c_ar, c_ec2, c_sb, c_http, c_gd, ext, c_bob])
    sbx = f"arn:aws:sts::{SANDBOX}:assumed-role/integration-tests/integration-run-2291"
    sbx_scps = [[{"name": "FullAWSAccess", "document": FULL_AWS_ACCESS}]] * 3
    release = f"arn:aws:s3:::{ARTIFACT_BUCKET}/{RELEASE_KEY}"
    via_acl = {"request": {"principal": sbx, "action": "s3:GetObject", "resource": release, "resourceAccount": ACCT,
                           "context": {"aws:SourceIp": "54.216.88.10", "aws:SecureTransport": "true", "aws:PrincipalAccount": SANDBOX,
                                       "aws:PrincipalOrgID": ORG_ID, "aws:PrincipalType": "AssumedRole", "aws:RequestedRegion": HOME}},
               "identityPolicies": [{"name": "ReadReleases", "document": doc({"Effect": "Allow", "Action": "s3:GetObject",
                                                                              "Resource": f"arn:aws:s3:::{ARTIFACT_BUCKET}/releases/*"})}],
               "acl": RELEASE_OBJECT_ACL, "objectOwnership": "ObjectWriter",
               "accounts": [{"id": SANDBOX, "canonicalUserId": SANDBOX_CANONICAL}],
               "scps": sbx_scps, "rcps": rcps}
    enforced = json.loads(json.dumps(via_acl))
    enforced["objectOwnership"] = "BucketOwnerEnforced"
    write_json(os.path.join(d, "06-s3-getobject-via-object-acl.json"), [via_acl, enforced])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    a = ap.parse_args()
    for sub in ("case", "simulate"):
        shutil.rmtree(os.path.join(a.out, sub), ignore_errors=True)
    g = Gen()
    background(g)
    incident(g)
    sandbox_acl_read(g)
    events, files = write_trail(g, a.out)
    credential_report(events, a.out)
    auth_details(events, a.out)
    access_advisor(events, a.out)
    write_json(os.path.join(a.out, "case", "org", "organization.json"), ORG)
    write_json(os.path.join(a.out, "case", "policies", "resource-policies.json"), RESOURCE_POLICIES)
    simulate_files(a.out)
    per_day = {}
    for r in events:
        per_day[r["eventTime"][:10]] = per_day.get(r["eventTime"][:10], 0) + 1
    print(f"events={len(events)} files={len(files)} per_day={json.dumps(per_day, sort_keys=True)}")
    if os.environ.get("SAMPLE_FACTS"):
        facts = {"users": {n: u["id"] for n, u in USERS.items()}, "roles": {n: r["id"] for n, r in ROLES.items()},
                 "keys": {"ci-deploy-1": KEY_CI, "ci-deploy-2": KEY_CI2, "bob": KEY_BOB,
                          "svc-backup": KEY_BACKDOOR, "opsadmin-session": KEY_OPS_SESSION},
                 "story": [(s, r["eventTime"], r["eventName"], r["eventID"], r["awsRegion"]) for s, r in g.story]}
        print(json.dumps(facts, indent=1))


if __name__ == "__main__":
    main()
