# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


WORKSHOP_LOCATION_FIELDS = ("aftersales_repair_location_id",
                            "aftersales_spare_location_id",
                            "aftersales_recycling_location_id")


class ResCompany(models.Model):
    """The workshop locations of each company (set in the settings)."""

    _inherit = "res.company"

    aftersales_repair_location_id = fields.Many2one(
        "stock.location", string="Repair Location",
        domain=[("usage", "=", "internal")],
        help="Where customers' products are held while in the workshop.")
    aftersales_spare_location_id = fields.Many2one(
        "stock.location", string="Spare Parts Location",
        domain=[("usage", "=", "internal")],
        help="Where the parts added by repairs are taken from.")
    aftersales_recycling_location_id = fields.Many2one(
        "stock.location", string="Recycling Location",
        help="Where the defective parts removed by repairs go.")

    @api.constrains(*WORKSHOP_LOCATION_FIELDS)
    def _check_aftersales_locations(self):
        """The workshop's locations are stock locations of the company (or
        shared), never a *view*: every repair end would fail."""
        for company in self:
            company._aftersales_check_locations(
                {name: company[name].id for name in WORKSHOP_LOCATION_FIELDS})

    def _aftersales_check_locations(self, vals):
        """Refuse the workshop locations of ``vals`` ({field: location
        id}) that are not internal locations of each company of ``self``
        (or shared)."""
        for company in self:
            for name in WORKSHOP_LOCATION_FIELDS:
                # the locations' configuration, whoever sets them
                location = self.env["stock.location"].sudo().browse(
                    vals.get(name) or [])
                if not location:
                    continue
                label = self._fields[name]._description_string(self.env)
                if location.usage != "internal":
                    raise ValidationError(_(
                        "%(field)s: %(location)s is not an internal stock "
                        "location (a view or a partner location holds no "
                        "parts).") % {"field": label,
                                      "location": location.display_name})
                if location.company_id and location.company_id != company:
                    raise ValidationError(_(
                        "%(field)s: %(location)s belongs to %(other)s, not "
                        "to %(company)s.") % {
                            "field": label,
                            "location": location.display_name,
                            "other": location.company_id.name,
                            "company": company.name})

    @api.multi
    def write(self, vals):
        # refused before anything is written (the settings write them):
        # their types first (the core's check), then what they are
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_locations(vals)
        return super(ResCompany, self).write(vals)
