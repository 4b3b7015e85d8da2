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
    ],
    "data": [
        "views/res_config_settings_views.xml",
        "views/aftersales_menu.xml",
    ],
}
