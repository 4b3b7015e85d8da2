# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The suite's settings screen, for the service manager too.

Odoo's settings are for administrators: reading them runs every app's
``get_values`` (some read access rules or modules, which only
administrators may), and ``execute`` refuses anybody else. A service manager
who is no administrator gets the same screen with the After-Sales block
only: he reads and saves the suite's settings (the system parameters the
suite's addons declare in ``_aftersales_parameters`` and the company's
workshop locations) and nothing else, without Administration rights."""
from lxml import etree

from odoo import _, api, models
from odoo.addons.aftersales_ticket.lib import value_check
from odoo.exceptions import AccessError, ValidationError

SETTINGS_BLOCK_KEY = "aftersales"
BLOCK_XPATH = ("//div[contains(concat(' ', normalize-space(@class), ' '), "
               "' app_settings_block ')]")


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # --- who gets the suite's settings only --------------------------------
    @api.model
    def _aftersales_suite_only(self):
        """A service manager who is no settings administrator."""
        user = self.env.user
        return not user._is_superuser() \
            and not user.has_group("base.group_system") \
            and user.has_group("aftersales_ticket.group_manager")

    @api.model
    def _aftersales_setting_fields(self):
        """The suite's settings (every addon names them aftersales_*)."""
        return {name for name in self._fields if name.startswith("aftersales_")}

    def _aftersales_company_setting_fields(self):
        """The suite's settings that are fields of the company."""
        return {name for name in self._aftersales_setting_fields()
                if (self._fields[name].related or ("",))[0] == "company_id"}

    # --- the screen ----------------------------------------------------------
    @api.model
    def fields_view_get(self, view_id=None, view_type="form", toolbar=False,
                        submenu=False):
        result = super(ResConfigSettings, self).fields_view_get(
            view_id=view_id, view_type=view_type, toolbar=toolbar,
            submenu=submenu)
        if view_type != "form" or not self._aftersales_suite_only():
            return result
        doc = etree.XML(result["arch"])
        for block in doc.xpath(BLOCK_XPATH):
            if block.get("data-key") != SETTINGS_BLOCK_KEY:
                block.getparent().remove(block)
        shown = set(doc.xpath("//field/@name"))
        result["fields"] = {name: description for name, description
                            in result["fields"].items() if name in shown}
        result["arch"] = etree.tostring(doc, encoding="unicode")
        return result

    @api.model
    def default_get(self, fields_list):
        if not self._aftersales_suite_only():
            return super(ResConfigSettings, self).default_get(fields_list)
        # not the other apps' get_values: they read what only administrators
        # may (access rules, modules); the manager's screen has none of them
        # (the fields' own defaults still fill what is required)
        values = models.BaseModel.default_get(self, fields_list)
        values.update({name: value for name, value
                       in self._aftersales_get_values().items()
                       if name in fields_list})
        return values

    @api.model
    def _aftersales_get_values(self):
        """The suite's system parameters, as the settings' fields."""
        # sudo: system parameters are readable by administrators only; these
        # are the suite's own settings, shown to its service manager
        get_param = self.env["ir.config_parameter"].sudo().get_param
        values = {}
        for field_name, (key, cast, default) in \
                self._aftersales_parameters().items():
            try:
                values[field_name] = cast(get_param(key, default))
            except ValueError:
                values[field_name] = default
        return values

    # --- bad values and what a manager may write -----------------------------
    def _aftersales_check_setting_values(self, vals):
        """Refuse what the suite's settings cannot take (types, NaN,
        infinity, huge numbers, ids of nothing) before anything is stored;
        a manager who is no administrator writes the suite's settings only."""
        suite = self._aftersales_setting_fields()
        if self._aftersales_suite_only():
            others = sorted(set(vals) - suite - {"company_id"})
            if others:
                raise AccessError(_(
                    "Only administrators can change these settings: %s")
                    % ", ".join(others))
            if vals.get("company_id") and vals["company_id"] not in \
                    self.env.user.company_ids.ids:
                raise AccessError(_(
                    "You can only change the settings of your companies."))
        for name in sorted(set(vals) & suite):
            field = self._fields[name]
            found = value_check.problem(field.type, vals[name],
                                        size=getattr(field, "size", None))
            if not found and field.type == "many2one" and vals[name] and \
                    not self.env[field.comodel_name].browse(
                        vals[name]).exists():
                found = ("#%(id)s does not exist.", {"id": vals[name]})
            if found:
                message, params = found
                raise ValidationError(_("%(field)s: %(problem)s") % {
                    "field": field._description_string(self.env),
                    "problem": _(message) % params})

    def _aftersales_write_company_settings(self, company_values):
        """The company's settings a manager changed (Odoo writes them
        through the related fields, which needs the right to write the
        company)."""
        for settings in self:
            company = settings.company_id
            changed = {name: value for name, value in company_values.items()
                       if company[name].id != (value or False)}
            if changed:
                # sudo: writing a company is for administrators; the service
                # manager changes the suite's fields of his company only
                # (checked above), nothing else of it
                company.sudo().write(changed)

    @api.model
    def create(self, vals):
        self._aftersales_check_setting_values(vals)
        company_values = {}
        if self._aftersales_suite_only():
            vals = dict(vals)
            for name in self._aftersales_company_setting_fields() & set(vals):
                company_values[self._fields[name].related[1]] = vals.pop(name)
        settings = super(ResConfigSettings, self).create(vals)
        settings._aftersales_write_company_settings(company_values)
        return settings

    @api.multi
    def write(self, vals):
        self._aftersales_check_setting_values(vals)
        company_values = {}
        if self._aftersales_suite_only():
            vals = dict(vals)
            for name in self._aftersales_company_setting_fields() & set(vals):
                company_values[self._fields[name].related[1]] = vals.pop(name)
        result = super(ResConfigSettings, self).write(vals)
        self._aftersales_write_company_settings(company_values)
        return result

    # --- saving --------------------------------------------------------------
    @api.multi
    def execute(self):
        if not self._aftersales_suite_only():
            return super(ResConfigSettings, self).execute()
        self.ensure_one()
        self._check_aftersales_values()
        # sudo: system parameters are written by administrators only; the
        # manager stores the suite's own settings, checked just above
        set_param = self.env["ir.config_parameter"].sudo().set_param
        for field_name, (key, _cast, _default) in \
                self._aftersales_parameters().items():
            set_param(key, str(self[field_name]))
        return {"type": "ir.actions.client", "tag": "reload"}
