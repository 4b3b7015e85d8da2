# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "After-Sales",
    "summary": "After-sales service suite: tickets, repairs, maintenance "
               "contracts and satisfaction surveys",
    "version": "11.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "aftersales_ticket",
        "aftersales_repair",
        "aftersales_contract",
        "aftersales_survey",
        # a company without a chart of accounts gets Odoo's generic one
        # (it loads nothing where a localization is installed): invoicing,
        # and the demo's invoices, work from the start
        "l10n_generic_coa",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_security.xml",
        "views/assets.xml",
        "views/aftersales_dashboard_views.xml",
        "views/aftersales_landing_views.xml",
        "views/res_config_settings_views.xml",
        "views/aftersales_menu.xml",
    ],
    "demo": [
        "demo/aftersales_demo.xml",
    ],
}
