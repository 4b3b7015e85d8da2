# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Item 10: the partner form works for every employee; the service
tickets button is for those who may read tickets."""
from .common import AftersalesCase


class TestPartnerForm(AftersalesCase):

    def _form_fields(self, user):
        return self.env["res.partner"].sudo(user).fields_view_get(
            view_type="form")["fields"]

    def test_plain_employee_opens_a_partner(self):
        employee = self._create_user("plain_employee", "base.group_user")
        names = self._form_fields(employee)
        self.assertNotIn("aftersales_ticket_count", names)
        # what the web client reads to open the form
        values = self.customer_a.sudo(employee).read(list(names))[0]
        self.assertEqual(values["name"], "Customer A Ltd")

    def test_service_users_see_the_ticket_count(self):
        self.create_ticket()
        self.create_ticket(partner_id=self.customer_b.id)
        for user in (self.agent, self.technician, self.manager):
            names = self._form_fields(user)
            self.assertIn("aftersales_ticket_count", names, user.login)
        partner = self.customer_a.sudo(self.agent)
        self.assertEqual(partner.read(["aftersales_ticket_count"])[0][
            "aftersales_ticket_count"], 1)
