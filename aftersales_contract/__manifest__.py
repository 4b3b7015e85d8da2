# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "After-Sales Maintenance Contracts",
    "summary": "Maintenance contracts, recurring invoicing and renewals",
    "version": "11.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "aftersales_ticket",
        "account",
        "queue_job",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_contract_security.xml",
        "data/ir_sequence_data.xml",
        "data/product_data.xml",
        "report/aftersales_contract_reports.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/aftersales_contract_views.xml",
        "views/aftersales_ticket_views.xml",
        "views/portal_templates.xml",
        "views/aftersales_contract_menu.xml",
    ],
    "demo": [
        "demo/aftersales_contract_demo.xml",
    ],
}
