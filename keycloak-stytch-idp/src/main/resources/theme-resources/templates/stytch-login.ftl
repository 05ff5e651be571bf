<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("stytchLoginTitle", stytchCommon.displayName)}
    <#elseif section = "form">
        <div id="stytch-login">
        <#if stytch.emailEnabled>
            <form id="stytch-email-form" class="${properties.kcFormClass!}" action="${stytch.emailAction}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="stytch-email" class="${properties.kcLabelClass!}">${msg("email")}</label>
                    <input id="stytch-email" class="${properties.kcInputClass!}" name="email" type="email"
                           value="${stytch.email}" autocomplete="email" required autofocus>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="stytch-send-link" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}"
                            type="submit">${msg("stytchSendLink")}</button>
                </div>
            </form>
        </#if>
        <#if stytch.passwordEnabled>
            <form id="stytch-password-form" class="${properties.kcFormClass!}" action="${stytch.passwordAction}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="stytch-password-email" class="${properties.kcLabelClass!}">${msg("email")}</label>
                    <input id="stytch-password-email" class="${properties.kcInputClass!}" name="email" type="email" value="${stytch.email}" autocomplete="username" required>
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="stytch-password" class="${properties.kcLabelClass!}">${msg("password")}</label>
                    <input id="stytch-password" class="${properties.kcInputClass!}" name="password" type="password" autocomplete="current-password" required>
                </div>
                <#if stytch.passwordOrganizations?has_content>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="stytch-password-org" class="${properties.kcLabelClass!}">${msg("stytchOrganization")}</label>
                    <select id="stytch-password-org" class="${properties.kcInputClass!}" name="organization_id" required>
                        <#list stytch.passwordOrganizations as o>
                            <option value="${o.id}">${o.name}</option>
                        </#list>
                    </select>
                </div>
                </#if>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="stytch-password-submit" class="${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}"
                            type="submit">${msg("stytchSignInWithPassword")}</button>
                </div>
            </form>
        </#if>
        <#if stytch.ssoButtons?has_content || stytch.oauthButtons?has_content>
            <ul id="stytch-providers" class="${properties.kcFormSocialAccountListClass!}">
                <#list stytch.ssoButtons as b>
                    <li><a class="stytch-sso ${properties.kcFormSocialAccountListButtonClass!}" href="${b.url}">${msg("stytchSsoWith", b.name)}</a></li>
                </#list>
                <#list stytch.oauthButtons as b>
                    <li><a class="stytch-oauth ${properties.kcFormSocialAccountListButtonClass!}" href="${b.url}">${msg("stytchOAuthWith", b.name)}</a></li>
                </#list>
            </ul>
        </#if>
        </div>
    </#if>
</@layout.registrationLayout>
