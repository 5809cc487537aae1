// The Go twin of polyglot/typescript/app.ts: the same three configurations in the same three stacks,
// from the Go module (scripts/polyglot.ts compares the templates). Then it prints the construct's message
// for a config it refuses: jsii turns the JavaScript error into a panic.
package main

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/jsii-runtime-go"
	"github.com/example/cdk-mfa-auth-go/cdkmfaauth"
)

var env = &awscdk.Environment{Account: jsii.String("123456789012"), Region: jsii.String("us-east-1")}

func stack(app awscdk.App, id string) awscdk.Stack {
	return awscdk.NewStack(app, jsii.String(id), &awscdk.StackProps{Env: env})
}

// refused builds a config the construct refuses (SMS MFA message without the code placeholder), in an
// app of its own that is never synthesized, and returns the message of the panic it raises.
func refused() (message string) {
	defer func() {
		if r := recover(); r != nil {
			message = fmt.Sprintf("caught: %v", r)
		}
	}()
	app := awscdk.NewApp(&awscdk.AppProps{AutoSynth: jsii.Bool(false)})
	cdkmfaauth.NewAuth(stack(app, "Refused"), jsii.String("Auth"), &cdkmfaauth.AuthProps{
		LoginWith:      &cdkmfaauth.LoginWith{Email: &cdkmfaauth.EmailLogin{}},
		UserAttributes: &awscognito.StandardAttributes{PhoneNumber: &awscognito.StandardAttribute{Required: jsii.Bool(false), Mutable: jsii.Bool(true)}},
		Multifactor: &cdkmfaauth.MultifactorConfig{
			Mode: cdkmfaauth.MfaMode_REQUIRED, Totp: jsii.Bool(true), Sms: &cdkmfaauth.SmsMfa{Message: jsii.String("Your sign-in code")},
		},
	})
	return "not refused"
}

func main() {
	defer jsii.Close()
	app := awscdk.NewApp(nil)

	// (a) Email sign-in, MFA required with TOTP and SMS, remembered devices.
	cdkmfaauth.NewAuth(stack(app, "EmailMfa"), jsii.String("Auth"), &cdkmfaauth.AuthProps{
		LoginWith: &cdkmfaauth.LoginWith{
			Email: &cdkmfaauth.EmailLogin{
				VerificationEmailStyle:   cdkmfaauth.VerificationEmailStyle_CODE,
				VerificationEmailSubject: jsii.String("Confirm your account"),
			},
		},
		UserAttributes: &awscognito.StandardAttributes{PhoneNumber: &awscognito.StandardAttribute{Required: jsii.Bool(false), Mutable: jsii.Bool(true)}},
		Multifactor: &cdkmfaauth.MultifactorConfig{
			Mode: cdkmfaauth.MfaMode_REQUIRED, Totp: jsii.Bool(true), Sms: &cdkmfaauth.SmsMfa{Message: jsii.String("Your sign-in code is {####}")},
		},
		DeviceTracking: &awscognito.DeviceTracking{ChallengeRequiredOnNewDevice: jsii.Bool(true), DeviceOnlyRememberedOnUserPrompt: jsii.Bool(true)},
		Client: &cdkmfaauth.AppClientConfig{
			AccessTokenValidity:  awscdk.Duration_Minutes(jsii.Number(30)),
			IdTokenValidity:      awscdk.Duration_Minutes(jsii.Number(30)),
			RefreshTokenValidity: awscdk.Duration_Days(jsii.Number(7)),
		},
		Groups: &[]*cdkmfaauth.GroupConfig{{Name: jsii.String("admins"), Precedence: jsii.Number(0), Description: jsii.String("Operators")}},
	})

	// (b) Social sign-in through managed login, and a machine-to-machine client.
	cdkmfaauth.NewAuth(stack(app, "SocialM2m"), jsii.String("Auth"), &cdkmfaauth.AuthProps{
		LoginWith: &cdkmfaauth.LoginWith{
			Email: &cdkmfaauth.EmailLogin{},
			ExternalProviders: &cdkmfaauth.ExternalProviders{
				Google: &cdkmfaauth.GoogleProvider{
					ClientId:     jsii.String("google-client-id.apps.googleusercontent.com"),
					ClientSecret: awscdk.SecretValue_SecretsManager(jsii.String("app/google"), &awscdk.SecretsManagerSecretOptions{JsonField: jsii.String("clientSecret")}),
					Scopes:       jsii.Strings("openid", "email", "profile"),
				},
			},
		},
		Multifactor: &cdkmfaauth.MultifactorConfig{Mode: cdkmfaauth.MfaMode_OPTIONAL, Totp: jsii.Bool(true)},
		Domain:      &cdkmfaauth.DomainConfig{CognitoPrefix: jsii.String("polyglot-social"), ManagedLoginVersion: cdkmfaauth.ManagedLoginVersion_MANAGED_LOGIN},
		Client: &cdkmfaauth.AppClientConfig{
			Oauth:                &cdkmfaauth.ClientOAuth{CallbackUrls: jsii.Strings("https://app.example.com/"), LogoutUrls: jsii.Strings("https://app.example.com/signed-out")},
			RefreshTokenRotation: &cdkmfaauth.RefreshTokenRotation{RetryGracePeriod: awscdk.Duration_Seconds(jsii.Number(30))},
		},
		ResourceServers: &[]*cdkmfaauth.ResourceServerConfig{{
			Identifier: jsii.String("https://api.example.com"),
			Name:       jsii.String("Orders API"),
			Scopes:     &[]*cdkmfaauth.ResourceServerScope{{Name: jsii.String("orders.read"), Description: jsii.String("Read orders")}},
		}},
		AppClients: &[]*cdkmfaauth.NamedAppClientConfig{{
			Name:                jsii.String("nightly-export"),
			GenerateSecret:      jsii.Bool(true),
			AccessTokenValidity: awscdk.Duration_Minutes(jsii.Number(15)),
			Oauth:               &cdkmfaauth.ClientOAuth{ClientCredentials: jsii.Bool(true), Scopes: jsii.Strings("https://api.example.com/orders.read")},
		}},
	})

	// (c) Passkeys as a first factor on a custom domain.
	passkeyStack := stack(app, "PasskeyDomain")
	cdkmfaauth.NewAuth(passkeyStack, jsii.String("Auth"), &cdkmfaauth.AuthProps{
		LoginWith:   &cdkmfaauth.LoginWith{Email: &cdkmfaauth.EmailLogin{}},
		Multifactor: &cdkmfaauth.MultifactorConfig{Mode: cdkmfaauth.MfaMode_OPTIONAL, Totp: jsii.Bool(true)},
		FeaturePlan: awscognito.FeaturePlan_ESSENTIALS,
		Domain: &cdkmfaauth.DomainConfig{CustomDomain: &cdkmfaauth.CustomDomain{
			DomainName: jsii.String("auth.example.com"),
			Certificate: awscertificatemanager.Certificate_FromCertificateArn(passkeyStack, jsii.String("Certificate"),
				jsii.String("arn:aws:acm:us-east-1:123456789012:certificate/polyglot")),
		}},
		Passwordless: &cdkmfaauth.PasswordlessConfig{
			Passkey: jsii.Bool(true), EmailOtp: jsii.Bool(true), PasskeyUserVerification: awscognito.PasskeyUserVerification_REQUIRED,
		},
	})

	app.Synth(nil)

	fmt.Println(refused())
}
