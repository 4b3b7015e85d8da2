# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import http
from odoo.addons.website.controllers.main import Website
from odoo.http import request


class AftersalesWebsite(Website):
    """A customer (portal user) lands on his account, /my (his service
    requests, contracts, repairs), not on the website's home page: the
    website sends every user without backend access to "/" after login
    (portal's own /my redirect is only for the /web route)."""

    @http.route()
    def web_login(self, redirect=None, *args, **kw):
        response = super(AftersalesWebsite, self).web_login(
            redirect=redirect, *args, **kw)
        if not redirect and request.params.get("login_success") \
                and request.uid and not request.env["res.users"].browse(
                    request.uid).has_group("base.group_user"):
            return http.redirect_with_hash("/my")
        return response
