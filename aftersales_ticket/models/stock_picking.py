# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
from odoo import api, fields, models


class StockPicking(models.Model):
    """Parts taken from a technician's van for a service ticket."""

    _name = "stock.picking"
    _inherit = ["stock.picking", "aftersales.mixin"]
    # the link to the ticket is set by the ticket's parts action only; the
    # picking's own computed fields are stock's business
    _aftersales_workflow_fields = ("aftersales_ticket_id",)
    _aftersales_guard_stored_computes = False

    aftersales_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Service Ticket", index=True, copy=False,
        readonly=True, ondelete="restrict",
    )

    @api.model
    def create(self, vals):
        # the suite's fields only: the others are stock's business
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPicking, self).create(vals)

    def _aftersales_parts_summary(self):
        """``2.0 x [REF] Part (lot)``, ... of the pickings' moves, for the
        messages that tell a technician what was taken."""
        # sudo: the moves of pickings made for the user (a technician
        # without stock rights is told what left his van)
        lines = []
        for move in self.sudo().mapped("move_lines"):
            lots = move.move_line_ids.mapped("lot_id")
            lines.append("%s x %s%s" % (
                move.product_uom_qty, move.product_id.display_name,
                " (%s)" % ", ".join(lots.mapped("name")) if lots else ""))
        return ", ".join(lines)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPicking, self).write(vals)


class StockPickingType(models.Model):
    """The operation types of the technicians' vans: parts used on site
    (van to customer) and van replenishment (warehouse to van), each with
    its own sequence (data/stock_van_data.xml)."""

    _name = "stock.picking.type"
    _inherit = ["stock.picking.type", "aftersales.mixin"]
    # the operation types' own computed fields are stock's business
    _aftersales_guard_stored_computes = False

    aftersales_van_operation = fields.Selection(
        [("consumption", "Van parts consumption"),
         ("replenishment", "Van replenishment")],
        string="Technician Van Operation", index=True,
        help="Operation type the after-sales service uses for the "
             "technicians' vans.")

    @api.model
    def create(self, vals):
        # the suite's fields only (every addon's: van operation, workshop
        # usage...): the others are stock's business
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPickingType, self).create(vals)

    @api.multi
    def write(self, vals):
        self._aftersales_check_suite_values(vals)
        self._aftersales_check_workflow_values(vals)
        return super(StockPickingType, self).write(vals)

    @api.model
    def _aftersales_van_type(self, warehouse, operation):
        """The ``operation`` type of ``warehouse``, else of its company."""
        # sudo: the van's operation type, whoever takes parts (technicians
        # have no stock rights)
        Type = self.sudo()
        found = Type.search([("aftersales_van_operation", "=", operation),
                             ("warehouse_id", "=", warehouse.id)], limit=1)
        if not found:
            found = Type.search([
                ("aftersales_van_operation", "=", operation),
                ("warehouse_id.company_id", "=", warehouse.company_id.id)],
                limit=1)
        return found
