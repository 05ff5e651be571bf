<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("stytchMfaTitle")}
    <#elseif section = "form">
        <div id="stytch-mfa">
        <#if stytch.needsPhone>
            <form id="stytch-mfa-phone-form" class="${properties.kcFormClass!}" action="${stytch.action}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="method" value="phone">
                <p>${msg("stytchMfaEnrollPhone")}</p>
                <label for="stytch-phone" class="${properties.kcLabelClass!}">${msg("stytchPhoneLabel")}</label>
                <input id="stytch-phone" class="${properties.kcInputClass!}" name="phone" type="tel" autocomplete="tel" placeholder="+15555550100" required>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit">${msg("stytchSendCode")}</button>
            </form>
        </#if>
        <#if stytch.smsSent>
            <form id="stytch-mfa-sms-form" class="${properties.kcFormClass!}" action="${stytch.action}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="method" value="sms">
                <p>${msg("stytchMfaSmsSent", stytch.phone)}</p>
                <label for="stytch-sms-code" class="${properties.kcLabelClass!}">${msg("stytchCodeLabel")}</label>
                <input id="stytch-sms-code" class="${properties.kcInputClass!}" name="code" inputmode="numeric" autocomplete="one-time-code" required autofocus>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit">${msg("stytchVerify")}</button>
            </form>
            <form id="stytch-mfa-resend-form" action="${stytch.action}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="method" value="resend">
                <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}" type="submit">${msg("stytchResendCode")}</button>
            </form>
        </#if>
        <#if stytch.totp>
            <form id="stytch-mfa-totp-form" class="${properties.kcFormClass!}" action="${stytch.action}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="method" value="totp">
                <p>${msg("stytchMfaTotp")}</p>
                <label for="stytch-totp-code" class="${properties.kcLabelClass!}">${msg("stytchCodeLabel")}</label>
                <input id="stytch-totp-code" class="${properties.kcInputClass!}" name="code" inputmode="numeric" autocomplete="one-time-code" required>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit">${msg("stytchVerify")}</button>
            </form>
            <#if !stytch.smsSent && stytch.phone?has_content>
            <form id="stytch-mfa-use-sms-form" action="${stytch.action}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="method" value="resend">
                <button class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!}" type="submit">${msg("stytchUseSms")}</button>
            </form>
            </#if>
        </#if>
        <p><a id="stytch-start-over" href="${stytchCommon.retryUrl}">${msg("stytchStartOver")}</a></p>
        </div>
    </#if>
</@layout.registrationLayout>
