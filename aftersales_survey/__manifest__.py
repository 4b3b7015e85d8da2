# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
{
    "name": "After-Sales Satisfaction Surveys",
    "summary": "Satisfaction surveys on closed service tickets",
    "version": "11.0.1.0.0",
    "category": "After-Sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-Sales Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "aftersales_ticket",
        "survey",
        "queue_job",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/aftersales_survey_security.xml",
        "data/survey_data.xml",
        "data/aftersales_ticket_stage_data.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "views/aftersales_survey_result_views.xml",
        "views/aftersales_technician_evaluation_views.xml",
        "views/survey_user_input_views.xml",
        "views/survey_templates.xml",
        "views/aftersales_ticket_views.xml",
        "views/aftersales_survey_menu.xml",
        "report/aftersales_technician_evaluation_reports.xml",
        "report/report_technician_evaluation.xml",
    ],
}
