# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import _, api, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_ticket.models.aftersales_mixin import insert_rows


def _row(model, vals):
    """The columns of ``vals`` for ``model``'s table: stored fields that are
    not computed (the computed and related ones are recomputed after), no
    relation to many; ``False`` is NULL except for booleans."""
    row = {}
    for name, value in vals.items():
        field = model._fields.get(name)
        if field is None or not field.store or field.compute or \
                field.type in ("one2many", "many2many") or \
                name in models.MAGIC_COLUMNS:
            continue
        if value is False and field.type != "boolean":
            value = None
        row[name] = value
    return row


def _uniform(rows):
    """Rows with the same columns (a missing value is NULL), for one INSERT."""
    names = set()
    for row in rows:
        names.update(row)
    return [{name: row.get(name) for name in names} for row in rows]


class AccountInvoice(models.Model):
    """Draft invoices of the recurring contract invoicing, many at once."""

    _inherit = "account.invoice"

    @api.model
    def _aftersales_contract_insert_invoices(self, values_list):
        """Creates the draft invoices ``values_list`` (complete values, as
        ``create`` takes them, lines as ``(0, 0, values)`` with their taxes
        as ``(6, 0, ids)``) in one INSERT per table for the whole batch,
        then their tax lines (``get_taxes_values``, as ``compute_taxes``)
        and every stored computed or related field in one recomputation of
        the batch. It does what ``create`` does for these values, without
        its per-invoice cost (the searches of records depending on each new
        invoice and line, the recomputation invoice by invoice). Returns
        the invoices in the order of ``values_list``."""
        if not values_list:
            return self.browse()
        # SQL below: the access rights are checked here, as create would
        self.check_access_rights("create")
        Line = self.env["account.invoice.line"]
        TaxLine = self.env["account.invoice.tax"]
        taxes_field = Line._fields["invoice_line_tax_ids"]
        cr, uid = self.env.cr, self.env.uid
        invoice_ids = insert_rows(cr, uid, self._table, _uniform(
            [_row(self, vals) for vals in values_list]))
        line_rows, line_taxes = [], []
        for invoice_id, vals in zip(invoice_ids, values_list):
            for command in vals.get("invoice_line_ids") or ():
                if command[0] != 0:
                    raise UserError(_("Only new invoice lines can be "
                                      "inserted."))
                line_vals = command[2]
                line_rows.append(dict(_row(Line, line_vals),
                                      invoice_id=invoice_id))
                tax_ids = []
                for tax_command in line_vals.get("invoice_line_tax_ids") or ():
                    if tax_command[0] == 6:
                        tax_ids = list(tax_command[2])
                    elif tax_command[0] == 4:
                        tax_ids.append(tax_command[1])
                line_taxes.append(tax_ids)
        line_ids = insert_rows(cr, uid, Line._table, _uniform(line_rows)) \
            if line_rows else []
        pairs = [(line_id, tax_id) for line_id, tax_ids
                 in zip(line_ids, line_taxes) for tax_id in tax_ids]
        if pairs:
            cr.execute(
                'INSERT INTO "{}" ("{}", "{}") SELECT unnest(%s::int[]), '
                'unnest(%s::int[])'.format(
                    taxes_field.relation, taxes_field.column1,
                    taxes_field.column2),
                ([pair[0] for pair in pairs], [pair[1] for pair in pairs]))
        invoices = self.browse(invoice_ids)
        lines = Line.browse(line_ids)
        # the tax lines, as compute_taxes makes them
        tax_rows = []
        for invoice in invoices:
            for tax_vals in invoice.get_taxes_values().values():
                tax_rows.append(_row(TaxLine, tax_vals))
        tax_lines = TaxLine.browse(insert_rows(
            cr, uid, TaxLine._table, _uniform(tax_rows))) if tax_rows \
            else TaxLine
        # every stored computed field (amounts, related copies) of the new
        # records, computed for the whole batch at once
        for records in (invoices, lines, tax_lines):
            for field in records._fields.values():
                if field.store and field.compute and records:
                    self.env.add_todo(field, records)
        invoices.invalidate_cache()
        self.recompute()
        return invoices
