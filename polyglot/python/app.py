"""The Python twin of polyglot/typescript/app.ts: the same three configurations in the same three
stacks, from the installed wheel (scripts/polyglot.ts compares the templates). Then it prints the
construct's message for a config it refuses."""
import aws_cdk as cdk
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cognito as cognito
import cdk_mfa_auth as auth

ENV = cdk.Environment(account="123456789012", region="us-east-1")
app = cdk.App()

# (a) Email sign-in, MFA required with TOTP and SMS, remembered devices.
auth.Auth(cdk.Stack(app, "EmailMfa", env=ENV), "Auth",
    login_with=auth.LoginWith(
        email=auth.EmailLogin(verification_email_style=auth.VerificationEmailStyle.CODE, verification_email_subject="Confirm your account"),
    ),
    user_attributes=cognito.StandardAttributes(phone_number=cognito.StandardAttribute(required=False, mutable=True)),
    multifactor=auth.MultifactorConfig(mode=auth.MfaMode.REQUIRED, totp=True, sms=auth.SmsMfa(message="Your sign-in code is {####}")),
    device_tracking=cognito.DeviceTracking(challenge_required_on_new_device=True, device_only_remembered_on_user_prompt=True),
    client=auth.AppClientConfig(
        access_token_validity=cdk.Duration.minutes(30),
        id_token_validity=cdk.Duration.minutes(30),
        refresh_token_validity=cdk.Duration.days(7),
    ),
    groups=[auth.GroupConfig(name="admins", precedence=0, description="Operators")],
)

# (b) Social sign-in through managed login, and a machine-to-machine client.
auth.Auth(cdk.Stack(app, "SocialM2m", env=ENV), "Auth",
    login_with=auth.LoginWith(
        email=auth.EmailLogin(),
        external_providers=auth.ExternalProviders(
            google=auth.GoogleProvider(
                client_id="google-client-id.apps.googleusercontent.com",
                client_secret=cdk.SecretValue.secrets_manager("app/google", json_field="clientSecret"),
                scopes=["openid", "email", "profile"],
            ),
        ),
    ),
    multifactor=auth.MultifactorConfig(mode=auth.MfaMode.OPTIONAL, totp=True),
    domain=auth.DomainConfig(cognito_prefix="polyglot-social", managed_login_version=auth.ManagedLoginVersion.MANAGED_LOGIN),
    client=auth.AppClientConfig(
        oauth=auth.ClientOAuth(callback_urls=["https://app.example.com/"], logout_urls=["https://app.example.com/signed-out"]),
        refresh_token_rotation=auth.RefreshTokenRotation(retry_grace_period=cdk.Duration.seconds(30)),
    ),
    resource_servers=[auth.ResourceServerConfig(
        identifier="https://api.example.com",
        name="Orders API",
        scopes=[auth.ResourceServerScope(name="orders.read", description="Read orders")],
    )],
    app_clients=[auth.NamedAppClientConfig(
        name="nightly-export",
        generate_secret=True,
        access_token_validity=cdk.Duration.minutes(15),
        oauth=auth.ClientOAuth(client_credentials=True, scopes=["https://api.example.com/orders.read"]),
    )],
)

# (c) Passkeys as a first factor on a custom domain.
passkey_stack = cdk.Stack(app, "PasskeyDomain", env=ENV)
auth.Auth(passkey_stack, "Auth",
    login_with=auth.LoginWith(email=auth.EmailLogin()),
    multifactor=auth.MultifactorConfig(mode=auth.MfaMode.OPTIONAL, totp=True),
    feature_plan=cognito.FeaturePlan.ESSENTIALS,
    domain=auth.DomainConfig(custom_domain=auth.CustomDomain(
        domain_name="auth.example.com",
        certificate=acm.Certificate.from_certificate_arn(passkey_stack, "Certificate", "arn:aws:acm:us-east-1:123456789012:certificate/polyglot"),
    )),
    passwordless=auth.PasswordlessConfig(passkey=True, email_otp=True, passkey_user_verification=cognito.PasskeyUserVerification.REQUIRED),
)
app.synth()

# A config the construct refuses (SMS MFA message without the code placeholder), in an app of its own that
# is never synthesized: the error names the property.
try:
    auth.Auth(cdk.Stack(cdk.App(auto_synth=False), "Refused", env=ENV), "Auth",
        login_with=auth.LoginWith(email=auth.EmailLogin()),
        user_attributes=cognito.StandardAttributes(phone_number=cognito.StandardAttribute(required=False, mutable=True)),
        multifactor=auth.MultifactorConfig(mode=auth.MfaMode.REQUIRED, totp=True, sms=auth.SmsMfa(message="Your sign-in code")),
    )
    print("not refused")
except Exception as e:  # jsii raises the JavaScript error as a Python exception
    print(f"caught: {type(e).__name__}: {e}")
