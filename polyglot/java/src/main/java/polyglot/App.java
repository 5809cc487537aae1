package polyglot;

import java.util.List;

import io.github.cdkmfa.auth.AppClientConfig;
import io.github.cdkmfa.auth.Auth;
import io.github.cdkmfa.auth.ClientOAuth;
import io.github.cdkmfa.auth.CustomDomain;
import io.github.cdkmfa.auth.DomainConfig;
import io.github.cdkmfa.auth.EmailLogin;
import io.github.cdkmfa.auth.ExternalProviders;
import io.github.cdkmfa.auth.GoogleProvider;
import io.github.cdkmfa.auth.GroupConfig;
import io.github.cdkmfa.auth.LoginWith;
import io.github.cdkmfa.auth.ManagedLoginVersion;
import io.github.cdkmfa.auth.MfaMode;
import io.github.cdkmfa.auth.MultifactorConfig;
import io.github.cdkmfa.auth.NamedAppClientConfig;
import io.github.cdkmfa.auth.PasswordlessConfig;
import io.github.cdkmfa.auth.RefreshTokenRotation;
import io.github.cdkmfa.auth.ResourceServerConfig;
import io.github.cdkmfa.auth.ResourceServerScope;
import io.github.cdkmfa.auth.SmsMfa;
import io.github.cdkmfa.auth.VerificationEmailStyle;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.SecretsManagerSecretOptions;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.DeviceTracking;
import software.amazon.awscdk.services.cognito.FeaturePlan;
import software.amazon.awscdk.services.cognito.PasskeyUserVerification;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;

/**
 * The Java twin of polyglot/typescript/app.ts: the same three configurations in the same three stacks,
 * from the Maven artifact (scripts/polyglot.ts compares the templates). Then it prints the construct's
 * message for a config it refuses.
 */
public final class App {
    private static final Environment ENV = Environment.builder().account("123456789012").region("us-east-1").build();

    private static Stack stack(software.amazon.awscdk.App app, String id) {
        return new Stack(app, id, StackProps.builder().env(ENV).build());
    }

    private static StandardAttributes phoneAttribute() {
        return StandardAttributes.builder().phoneNumber(StandardAttribute.builder().required(false).mutable(true).build()).build();
    }

    public static void main(final String[] args) {
        software.amazon.awscdk.App app = new software.amazon.awscdk.App();

        // (a) Email sign-in, MFA required with TOTP and SMS, remembered devices.
        Auth.Builder.create(stack(app, "EmailMfa"), "Auth")
            .loginWith(LoginWith.builder()
                .email(EmailLogin.builder().verificationEmailStyle(VerificationEmailStyle.CODE).verificationEmailSubject("Confirm your account").build())
                .build())
            .userAttributes(phoneAttribute())
            .multifactor(MultifactorConfig.builder().mode(MfaMode.REQUIRED).totp(true)
                .sms(SmsMfa.builder().message("Your sign-in code is {####}").build()).build())
            .deviceTracking(DeviceTracking.builder().challengeRequiredOnNewDevice(true).deviceOnlyRememberedOnUserPrompt(true).build())
            .client(AppClientConfig.builder()
                .accessTokenValidity(Duration.minutes(30))
                .idTokenValidity(Duration.minutes(30))
                .refreshTokenValidity(Duration.days(7))
                .build())
            .groups(List.of(GroupConfig.builder().name("admins").precedence(0).description("Operators").build()))
            .build();

        // (b) Social sign-in through managed login, and a machine-to-machine client.
        Auth.Builder.create(stack(app, "SocialM2m"), "Auth")
            .loginWith(LoginWith.builder()
                .email(EmailLogin.builder().build())
                .externalProviders(ExternalProviders.builder()
                    .google(GoogleProvider.builder()
                        .clientId("google-client-id.apps.googleusercontent.com")
                        .clientSecret(SecretValue.secretsManager("app/google", SecretsManagerSecretOptions.builder().jsonField("clientSecret").build()))
                        .scopes(List.of("openid", "email", "profile"))
                        .build())
                    .build())
                .build())
            .multifactor(MultifactorConfig.builder().mode(MfaMode.OPTIONAL).totp(true).build())
            .domain(DomainConfig.builder().cognitoPrefix("polyglot-social").managedLoginVersion(ManagedLoginVersion.MANAGED_LOGIN).build())
            .client(AppClientConfig.builder()
                .oauth(ClientOAuth.builder().callbackUrls(List.of("https://app.example.com/")).logoutUrls(List.of("https://app.example.com/signed-out")).build())
                .refreshTokenRotation(RefreshTokenRotation.builder().retryGracePeriod(Duration.seconds(30)).build())
                .build())
            .resourceServers(List.of(ResourceServerConfig.builder()
                .identifier("https://api.example.com")
                .name("Orders API")
                .scopes(List.of(ResourceServerScope.builder().name("orders.read").description("Read orders").build()))
                .build()))
            .appClients(List.of(NamedAppClientConfig.builder()
                .name("nightly-export")
                .generateSecret(true)
                .accessTokenValidity(Duration.minutes(15))
                .oauth(ClientOAuth.builder().clientCredentials(true).scopes(List.of("https://api.example.com/orders.read")).build())
                .build()))
            .build();

        // (c) Passkeys as a first factor on a custom domain.
        Stack passkeyStack = stack(app, "PasskeyDomain");
        Auth.Builder.create(passkeyStack, "Auth")
            .loginWith(LoginWith.builder().email(EmailLogin.builder().build()).build())
            .multifactor(MultifactorConfig.builder().mode(MfaMode.OPTIONAL).totp(true).build())
            .featurePlan(FeaturePlan.ESSENTIALS)
            .domain(DomainConfig.builder().customDomain(CustomDomain.builder()
                .domainName("auth.example.com")
                .certificate(Certificate.fromCertificateArn(passkeyStack, "Certificate", "arn:aws:acm:us-east-1:123456789012:certificate/polyglot"))
                .build()).build())
            .passwordless(PasswordlessConfig.builder().passkey(true).emailOtp(true).passkeyUserVerification(PasskeyUserVerification.REQUIRED).build())
            .build();

        app.synth();

        // A config the construct refuses (SMS MFA message without the code placeholder), in an app of its
        // own that is never synthesized: the error names the property.
        try {
            Auth.Builder.create(stack(new software.amazon.awscdk.App(AppProps.builder().autoSynth(false).build()), "Refused"), "Auth")
                .loginWith(LoginWith.builder().email(EmailLogin.builder().build()).build())
                .userAttributes(phoneAttribute())
                .multifactor(MultifactorConfig.builder().mode(MfaMode.REQUIRED).totp(true)
                    .sms(SmsMfa.builder().message("Your sign-in code").build()).build())
                .build();
            System.out.println("not refused");
        } catch (RuntimeException e) { // jsii raises the JavaScript error as a JsiiError
            System.out.println("caught: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
