// Loaded as <script type="module">: only browsers that can run GOV.UK Frontend v5 get here,
// so marking the body "supported" here replaces GOV.UK's inline snippet (our CSP bans inline scripts).
import { initAll as initGovuk } from './govuk-frontend.min.js'
import { initAll as initMoj } from './moj-frontend.min.js'

document.body.classList.add('js-enabled', 'govuk-frontend-supported')
initGovuk()
initMoj()
