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
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/aftersales_contract_menu.xml",
    ],
}
