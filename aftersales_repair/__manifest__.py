# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "After-Sales Repairs",
    "summary": "Workshop repairs on Odoo's repair, prefilled from service "
               "tickets: customer product receipt and return, repair card, "
               "parts through stock, who pays line by line",
    "version": "11.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "aftersales_ticket",
        "mrp_repair",
    ],
    "data": [
        "security/aftersales_repair_security.xml",
        "security/ir.model.access.csv",
        "data/stock_location_data.xml",
        "data/stock_picking_type_data.xml",
        "data/ir_cron_data.xml",
        "report/aftersales_repair_reports.xml",
        "report/report_customer_receipt.xml",
        "report/report_repair_card.xml",
        "wizards/aftersales_repair_payer_wizard_views.xml",
        "views/mrp_repair_views.xml",
        "views/stock_picking_views.xml",
        "views/account_invoice_views.xml",
        "views/aftersales_ticket_views.xml",
        "views/portal_templates.xml",
        "views/aftersales_repair_menu.xml",
    ],
    "demo": [
        "demo/aftersales_repair_demo.xml",
    ],
}
