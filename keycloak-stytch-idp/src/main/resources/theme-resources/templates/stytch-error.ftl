<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("stytchErrorTitle")}
    <#elseif section = "form">
        <div id="stytch-error">
            <#if stytch.retry>
                <p><a id="stytch-retry" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!}" href="${stytchCommon.retryUrl}">${msg("stytchTryAgain")}</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
