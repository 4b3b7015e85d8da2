# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The net's people: one user per role of the policies (ROLES), on the demo
data, plus a second company with a team, a customer and a ticket of its own
so that "another company's record" means something."""
from odoo.tests.common import SavepointCase, at_install, post_install

from .discovery import ROLES

ROLE_GROUPS = {
    "portal": ["base.group_portal"],
    "employee": ["base.group_user"],
    "technician": ["aftersales_ticket.group_technician"],
    "agent": ["aftersales_ticket.group_agent"],
    "director": ["aftersales_ticket.group_director"],
    "manager": ["aftersales_ticket.group_manager"],
    "billing": ["base.group_user", "account.group_account_invoice"],
    "warehouse": ["base.group_user", "stock.group_stock_user"],
    "other_company": ["aftersales_ticket.group_agent"],
}
TEAM_A = "aftersales_ticket.team_urban_demo"
QUIET = {"tracking_disable": True, "mail_notrack": True,
         "mail_create_nolog": True, "mail_create_nosubscribe": True,
         "no_reset_password": True}


@at_install(False)
@post_install(True)
class NetCase(SavepointCase):
    """Role users (``cls.users[role]``) and a second company
    (``cls.company_b`` with ``cls.team_b``, ``cls.customer_b``,
    ``cls.ticket_b``)."""

    @classmethod
    def setUpClass(cls):
        super(NetCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **QUIET))
        env = cls.env
        cls.company = env.ref("base.main_company")
        cls.team_a = env.ref(TEAM_A)
        cls.company_b = env["res.company"].create({
            "name": "Integrity Net Second Company",
            "currency_id": cls.company.currency_id.id})
        # the customer with the most requests: the portal role's company
        env.cr.execute("""
            SELECT p.commercial_partner_id FROM aftersales_ticket t
              JOIN res_partner p ON p.id = t.partner_id
             WHERE t.company_id = %s
             GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""",
                       (cls.company.id,))
        row = env.cr.fetchone()
        cls.customer_a = env["res.partner"].browse(row and row[0])
        cls.contact_a = env["res.partner"].create({
            "name": "Integrity Net Contact", "parent_id": cls.customer_a.id,
            "type": "contact", "email": "net.contact@example.com"})
        cls.users = {}
        for role in ROLES:
            cls.users[role] = cls._net_user(role)
        cls.team_a.write({"member_ids": [(4, cls.users["technician"].id)]})
        cls.team_b = env["aftersales.team"].create({
            "name": "Integrity Net Team B", "level": "center",
            "company_id": cls.company_b.id, "auto_assign": False,
            "member_ids": [(4, cls.users["other_company"].id)]})
        cls.customer_b = env["res.partner"].create({
            "name": "Integrity Net Customer B", "is_company": True,
            "company_id": cls.company_b.id, "email": "b@example.com"})
        cls.ticket_b = env["aftersales.ticket"].with_context(
            aftersales_no_auto_assign=True).create({
                "subject": "Integrity net: second company",
                "partner_id": cls.customer_b.id,
                "team_id": cls.team_b.id, "company_id": cls.company_b.id})

    @classmethod
    def _net_user(cls, role):
        env = cls.env
        company = cls.company
        values = {
            "name": "Net %s" % role.replace("_", " ").title(),
            "login": "integrity_net_%s" % role,
            "email": "net.%s@example.com" % role,
            "groups_id": [(6, 0, [env.ref(xmlid).id
                                  for xmlid in ROLE_GROUPS[role]])],
        }
        if role == "portal":
            values["partner_id"] = cls.contact_a.id
        if role == "other_company":
            company = cls.company_b
        values.update({"company_id": company.id,
                       "company_ids": [(6, 0, [company.id])]})
        return env["res.users"].create(values)

    @classmethod
    def role_env(cls, role):
        return cls.env(user=cls.users[role].id)
