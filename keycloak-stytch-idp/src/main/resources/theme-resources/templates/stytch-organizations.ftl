<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("stytchChooseOrganizationTitle")}
    <#elseif section = "form">
        <form id="stytch-organization-form" class="${properties.kcFormClass!}" action="${stytch.action}" method="post">
            <input type="hidden" name="state" value="${stytchCommon.state}">
            <ul id="stytch-organizations">
                <#list stytch.organizations as o>
                    <li>
                        <button class="stytch-organization ${properties.kcButtonClass!} ${properties.kcButtonDefaultClass!} ${properties.kcButtonBlockClass!}"
                                type="submit" name="organization_id" value="${o.id}">${o.name}</button>
                    </li>
                </#list>
            </ul>
        </form>
    </#if>
</@layout.registrationLayout>
