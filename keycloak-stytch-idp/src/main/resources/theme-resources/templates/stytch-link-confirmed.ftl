<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("stytchLinkConfirmedTitle")}
    <#elseif section = "form">
        <div id="stytch-link-confirmed">
            <p>${msg("stytchLinkConfirmedText")}</p>
            <p><strong id="stytch-continuation-code" style="font-size:2em;letter-spacing:0.2em">${stytch.code}</strong></p>
            <p>${msg("stytchLinkConfirmedWarning")}</p>
        </div>
    </#if>
</@layout.registrationLayout>
