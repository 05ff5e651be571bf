<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("stytchCheckEmailTitle")}
    <#elseif section = "form">
        <div id="stytch-check-email" data-status-url="${stytch.statusUrl}">
            <p id="stytch-sent-to">${msg("stytchCheckEmailText", stytch.email)}</p>
            <p id="stytch-status" aria-live="polite">${msg("stytchWaitingForLink")}</p>
            <form id="stytch-continue-form" class="${properties.kcFormClass!}" action="${stytch.continueAction}" method="post">
                <input type="hidden" name="state" value="${stytchCommon.state}">
                <input type="hidden" name="attempt" value="${stytch.attempt}">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="stytch-code" class="${properties.kcLabelClass!}">${msg("stytchContinuationCodeLabel")}</label>
                    <input id="stytch-code" class="${properties.kcInputClass!}" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 -]{6,8}">
                </div>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="stytch-continue" class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" type="submit">${msg("stytchContinue")}</button>
                </div>
            </form>
            <p><a id="stytch-start-over" href="${stytchCommon.retryUrl}">${msg("stytchStartOver")}</a></p>
        </div>
        <script>
        (function () {
            var box = document.getElementById("stytch-check-email");
            var statusEl = document.getElementById("stytch-status");
            var url = box.getAttribute("data-status-url");
            var texts = {
                verified: "${msg("stytchLinkOpenedElsewhere")?js_string?no_esc}",
                gone: "${msg("stytchLinkFinishedElsewhere")?js_string?no_esc}",
                expired: "${msg("stytchLoginExpired")?js_string?no_esc}"
            };
            var timer = setInterval(function () {
                fetch(url, {credentials: "same-origin", cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
                    if (s.status !== "pending" && texts[s.status]) {
                        statusEl.textContent = texts[s.status];
                        if (s.status === "verified") { document.getElementById("stytch-code").focus(); }
                        clearInterval(timer);
                    }
                }).catch(function () {});
            }, 3000);
        })();
        </script>
    </#if>
</@layout.registrationLayout>
