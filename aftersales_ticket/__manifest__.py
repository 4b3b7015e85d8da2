# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "After-Sales Service Tickets",
    "summary": "Service requests from intake to closure: channels, "
               "classification, service network, dispatch, on-site voucher",
    "version": "11.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite contributors",
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": [
        "mail",
        "portal",
        "stock",
        "account",
        "resource",
        "analytic",
        "web_widget_digitized_signature",
    ],
    "data": [
        "security/aftersales_ticket_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/aftersales_ticket_stage_data.xml",
        "views/aftersales_ticket_menu.xml",
        "views/aftersales_ticket_views.xml",
        "views/aftersales_ticket_stage_views.xml",
        "views/aftersales_ticket_category_views.xml",
        "views/aftersales_team_views.xml",
        "data/aftersales_sla_policy_data.xml",
        "data/ir_cron_data.xml",
        "views/aftersales_sla_policy_views.xml",
        "views/aftersales_ticket_sla_views.xml",
        "views/resource_calendar_views.xml",
    ],
    "demo": [
        "demo/aftersales_ticket_demo.xml",
    ],
}
