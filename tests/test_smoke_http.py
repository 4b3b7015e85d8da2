# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The stack is real: Odoo serves HTTP from PostgreSQL and the web client's
stylesheets compile through lessc."""
import re

from odoo.tests.common import HttpCase


# The first request of a fresh database builds the asset bundles, which takes
# well over HttpCase's default 10 s on a loaded 2-core machine.
FIRST_REQUEST_TIMEOUT = 180


class TestSmokeHttp(HttpCase):

    def test_login_page_answers(self):
        response = self.url_open("/web/login", timeout=FIRST_REQUEST_TIMEOUT)
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="login"', response.text)

    def test_backend_stylesheet_compiles(self):
        self.authenticate("admin", "admin")
        page = self.url_open("/web", timeout=FIRST_REQUEST_TIMEOUT)
        self.assertEqual(page.status_code, 200)
        links = re.findall(r'href="(/web/content/[^"]*web\.assets_backend[^"]*\.css)"',
                           page.text)
        self.assertTrue(links, "no compiled backend stylesheet linked from /web")
        stylesheet = ""
        for link in links:
            css = self.url_open(link, timeout=FIRST_REQUEST_TIMEOUT)
            self.assertEqual(css.status_code, 200)
            stylesheet += css.text
        # a failed less compilation is served as a CSS error banner
        self.assertFalse("Could not execute command" in stylesheet,
                         "lessc did not run")
        self.assertFalse("lessc" in stylesheet, "less compilation error")
        # a rule that only exists once the nested less source is compiled
        self.assertTrue(".o_form_view .o_form_statusbar{" in stylesheet,
                        "the backend stylesheet lacks the web client's rules")
