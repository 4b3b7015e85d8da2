# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Complaints: repeat detection and escalation, serious complaints sent to
the designated executive, and the rule that a complaint is only closed once
the customer has been told the outcome."""
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)

REPEAT_COMPLAINT_DAYS_PARAM = "aftersales.repeat_complaint_days"
DEFAULT_REPEAT_COMPLAINT_DAYS = 30
# a wider window reaches dates PostgreSQL cannot compute (see the settings)
MAX_REPEAT_COMPLAINT_DAYS = 3650
OUTCOME_METHODS = [("written", "Written"), ("phone", "Phone")]
# Ticket fields that make two complaints "about the same thing".
REPEAT_MATCH_FIELDS = ("lot_id", "product_id", "category_id")


# The ticket is split by concern, one inheriting class per file.
# pylint: disable=consider-merging-classes-inherited
class AftersalesTicket(models.Model):
    _inherit = "aftersales.ticket"

    is_serious = fields.Boolean(
        string="Serious Complaint", copy=False, track_visibility="onchange",
        help="A serious complaint is escalated at once to the company's "
             "after-sales executive.",
    )
    repeat_of_id = fields.Many2one(
        "aftersales.ticket", string="Repeat Of", index=True, readonly=True,
        copy=False, ondelete="set null", track_visibility="onchange",
        help="Earlier complaint by the same customer about the same serial "
             "number, product or fault category within the repeat window.",
    )
    repeat_ids = fields.One2many(
        "aftersales.ticket", "repeat_of_id", string="Repeat Complaints",
        readonly=True,
    )
    repeat_count = fields.Integer(
        string="Repeats", compute="_compute_repeat_count",
    )
    escalated_to_id = fields.Many2one(
        "res.users", string="Escalated To", readonly=True, copy=False,
        track_visibility="onchange",
    )
    escalated_on = fields.Datetime(readonly=True, copy=False)
    outcome_notification_method = fields.Selection(
        OUTCOME_METHODS, string="Customer Told By", readonly=True, copy=False,
        track_visibility="onchange",
    )
    outcome_notified_on = fields.Datetime(
        string="Customer Told On", readonly=True, copy=False,
        track_visibility="onchange",
    )
    outcome_notified_by_id = fields.Many2one(
        "res.users", string="Customer Told By (User)", readonly=True,
        copy=False, track_visibility="onchange",
    )
    complaint_ticket_id = fields.Many2one(
        "aftersales.ticket", string="Complaint About", index=True, copy=False,
        ondelete="set null", track_visibility="onchange",
        domain="[('partner_id', 'child_of', partner_id)]",
        help="The customer's earlier service request this complaint is "
             "about: its technician is the technician concerned.",
    )
    # Set from the ticket complained about, or by the survey addon on a
    # low-score complaint (a workflow field: no form or RPC sets it).
    concerned_user_id = fields.Many2one(
        "res.users", string="Technician Concerned", index=True, copy=False,
        readonly=True, track_visibility="onchange",
        help="The technician the complaint is about: the complaint is "
             "never dispatched to him (another technician or the director "
             "handles it).",
    )

    def _aftersales_workflow_field_names(self):
        return super(AftersalesTicket, self)._aftersales_workflow_field_names(
        ).union({"concerned_user_id"})

    @api.model
    def _concerned_user_values(self, vals):
        """The technician concerned by a complaint about another ticket."""
        if not vals.get("complaint_ticket_id") or vals.get(
                "concerned_user_id"):
            return {}
        # sudo: the technician of the ticket complained about, whoever
        # registers the complaint (checked to be the same customer's)
        original = self.sudo().browse(vals["complaint_ticket_id"])
        return {"concerned_user_id": original.user_id.id or False}

    @api.model
    def _prepare_complete_values(self, vals):
        values = super(AftersalesTicket, self)._prepare_complete_values(vals)
        values.update(self._concerned_user_values(vals))
        return values

    @api.model
    def _prepare_write_values(self, vals):
        values = super(AftersalesTicket, self)._prepare_write_values(vals)
        if "complaint_ticket_id" in vals and not vals.get(
                "concerned_user_id"):
            values["concerned_user_id"] = self._concerned_user_values(
                vals).get("concerned_user_id", False)
        return values

    def _aftersales_check_business_values(self, vals, creating):
        """A complaint is about a request of the same customer; it is never
        assigned to the technician it concerns."""
        if vals.get("complaint_ticket_id"):
            # sudo: the customer of the ticket complained about
            original = self.sudo().browse(vals["complaint_ticket_id"])
            partner_ids = [vals["partner_id"]] if vals.get("partner_id") \
                else self.mapped("partner_id").ids
            partners = self.env["res.partner"].sudo().browse(partner_ids)
            if original.id in self.ids or any(
                    partner.commercial_partner_id
                    != original.commercial_partner_id
                    for partner in partners):
                raise ValidationError(_(
                    "A complaint is about another request of the same "
                    "customer; %s is not one.") % original.name)
        if vals.get("user_id"):
            concerned = vals.get("concerned_user_id")
            if not concerned and vals.get("complaint_ticket_id"):
                concerned = self._concerned_user_values(vals).get(
                    "concerned_user_id")
            concerned_ids = {concerned} if concerned else set(
                self.mapped("concerned_user_id").ids)
            if vals["user_id"] in concerned_ids:
                raise ValidationError(_(
                    "This complaint is about %s: it cannot be assigned to "
                    "him; choose another technician or the director.")
                    % self.env["res.users"].sudo().browse(
                        vals["user_id"]).name)
        return super(AftersalesTicket, self)._aftersales_check_business_values(
            vals, creating)

    def _compute_repeat_count(self):
        ids = [ticket_id for ticket_id in self.ids if isinstance(ticket_id, int)]
        counts = {}
        if ids:
            groups = self.read_group(
                [("repeat_of_id", "in", ids)], ["repeat_of_id"], ["repeat_of_id"])
            counts = {group["repeat_of_id"][0]: group["repeat_of_id_count"]
                      for group in groups}
        for ticket in self:
            ticket.repeat_count = counts.get(ticket.id, 0)

    @api.constrains("stage_id", "request_type", "outcome_notified_on",
                    "outcome_notification_method")
    def _check_complaint_outcome_notified(self):
        for ticket in self:
            if (ticket.request_type == "complaint" and ticket.stage_id.is_closed
                    and not (ticket.outcome_notified_on
                             and ticket.outcome_notification_method)):
                raise ValidationError(_(
                    "Complaint %s cannot be closed before the customer has been "
                    "told the outcome. Use \"Record Customer Notification\" to "
                    "record how (written or phone), when and by whom."
                ) % ticket.name)

    def _after_create_escalation(self, vals, automated, requested):
        result = super(AftersalesTicket, self)._after_create_escalation(
            vals, automated, requested)
        complaints = self.filtered(lambda t: t.request_type == "complaint")
        if complaints:
            complaints._process_new_complaints()
        return result

    def _before_write(self, vals):
        """The tickets a write turns into complaints, or marks serious."""
        before = super(AftersalesTicket, self)._before_write(vals)
        new_complaints = serious = self.browse()
        if vals.get("request_type") == "complaint":
            new_complaints = self.filtered(lambda t: t.request_type != "complaint")
        if vals.get("is_serious"):
            serious = self.filtered(lambda t: not t.is_serious) - new_complaints
        before["complaint"] = (new_complaints, serious)
        return before

    def _after_write_escalation(self, vals, before):
        result = super(AftersalesTicket, self)._after_write_escalation(vals, before)
        new_complaints, serious = before["complaint"]
        if new_complaints:
            new_complaints._process_new_complaints()
        serious = serious.filtered(lambda t: t.request_type == "complaint")
        if serious:
            serious._escalate_serious_complaints()
        return result

    def action_open_repeat_complaints(self):
        self.ensure_one()
        action = self.env.ref("aftersales_ticket.aftersales_ticket_action").read()[0]
        action.update({
            "domain": [("repeat_of_id", "=", self.id)],
            "context": {"default_request_type": "complaint"},
            "view_mode": "tree,form",
            "views": [(False, "tree"), (False, "form")],
        })
        return action

    def action_record_outcome_notification(self):
        action = self.env.ref(
            "aftersales_ticket.aftersales_complaint_notify_wizard_action").read()[0]
        action["context"] = {
            "active_model": self._name, "active_ids": self.ids,
        }
        return action

    @api.model
    def _get_repeat_complaint_days(self):
        # sudo: system parameters are readable by administrators only; this
        # one is a plain number set in the suite's settings.
        value = self.env["ir.config_parameter"].sudo().get_param(
            REPEAT_COMPLAINT_DAYS_PARAM, DEFAULT_REPEAT_COMPLAINT_DAYS)
        try:
            days = int(value)
            if not 0 <= days <= MAX_REPEAT_COMPLAINT_DAYS:
                raise ValueError(value)
            return days
        except (TypeError, ValueError):
            _logger.warning("System parameter %s is not a number of days; "
                            "using %d", REPEAT_COMPLAINT_DAYS_PARAM,
                            DEFAULT_REPEAT_COMPLAINT_DAYS)
            return DEFAULT_REPEAT_COMPLAINT_DAYS

    def _prepare_repeat_complaint_domain(self, days):
        """Earlier complaints this one repeats: same commercial partner, same
        serial, product or fault category, received within ``days``. A
        complaint about another serial number is another problem, even for
        the same product (the product is filled from the serial). Internal
        work (D) and the customer's requests are never of one series: the
        customer must not reach, nor hear of, internal work."""
        self.ensure_one()
        criteria = [(name, "=", self[name].id)
                    for name in REPEAT_MATCH_FIELDS if self[name]]
        if not criteria or not self.commercial_partner_id:
            return None
        received = fields.Datetime.from_string(self.date_received)
        window_start = fields.Datetime.to_string(received - timedelta(days=days))
        domain = [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            ("request_type", "=", "complaint"),
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
            ("service_category", "=" if self.service_category == "D" else "!=",
             "D"),
            ("date_received", ">=", window_start),
            ("date_received", "<=", self.date_received),
        ]
        if self.lot_id:
            domain.append(("lot_id", "in", [False, self.lot_id.id]))
        return domain + ["|"] * (len(criteria) - 1) + criteria

    def _find_repeated_complaint(self, days):
        """The first complaint of the series this complaint repeats."""
        self.ensure_one()
        domain = self._prepare_repeat_complaint_domain(days)
        if domain is None:
            return self.browse()
        # sudo: a repeat is a repeat whoever registers it; the record rules
        # of the agent, technician or portal user who does must not hide the
        # customer's earlier complaints (the domain keeps to the company).
        earlier = self.sudo().search(
            domain, order="date_received desc, id desc", limit=1)
        original = (earlier.repeat_of_id or earlier).sudo(self.env.uid)
        return original if original != self else self.browse()

    def _get_escalation_superior(self):
        """The director of the team's parent team, else the team's own
        director or manager."""
        self.ensure_one()
        team = self.team_id
        return team.parent_id.director_id or team.director_id or team.manager_id

    def _process_new_complaints(self):
        days = self._get_repeat_complaint_days()
        for ticket in self:
            original = ticket._find_repeated_complaint(days) if days > 0 else None
            if original:
                ticket._escalate_repeat_complaint(original)
        serious = self.filtered("is_serious")
        if serious:
            serious._escalate_serious_complaints()

    def _escalate_repeat_complaint(self, original):
        self.ensure_one()
        self.write({"repeat_of_id": original.id, "priority": "3"})
        superior = self._get_escalation_superior()
        self._aftersales_post_note(
            _("Repeat of complaint %s: priority raised to urgent.")
            % original.name)
        # sudo: the earlier complaint may be outside what the user sees
        original.sudo()._aftersales_post_note(
            _("Repeated by complaint %s.") % self.name,
            author_id=self.env.user.partner_id.id)
        self._escalate_complaint(
            superior,
            "aftersales_ticket.mail_template_complaint_repeat",
            _("Repeat complaint: %(ticket)s (repeat of %(original)s)") % {
                "ticket": self.name, "original": original.name},
        )

    def _escalate_serious_complaints(self):
        for ticket in self:
            executive = ticket.company_id.aftersales_executive_id
            if not executive:
                ticket._aftersales_post_note(
                    _("No after-sales executive is set on the company; "
                      "the serious complaint goes to the superior."))
                executive = ticket._get_escalation_superior()
            if ticket.priority != "3":
                ticket.priority = "3"
            ticket._escalate_complaint(
                executive,
                "aftersales_ticket.mail_template_complaint_serious",
                _("Serious complaint: %s") % ticket.name,
            )

    def _escalate_complaint(self, user, template_xmlid, summary):
        """Activity and e-mail for ``user`` on each complaint of ``self``."""
        if not user:
            self._aftersales_post_note(
                _("Nobody to escalate to: set a director on the service "
                  "team or its parent team."))
            return
        # sudo: the escalation e-mail goes to the superior, who may see what
        # it shows (product, serial number...) even when the agent who
        # registered the complaint may not read those records.
        template = self.env.ref(template_xmlid).sudo()
        self.write({"escalated_to_id": user.id,
                    "escalated_on": fields.Datetime.now()})
        email_values = {"author_id": self.env.user.partner_id.id}
        if self.env.user.email:
            email_values["email_from"] = self.env.user.partner_id.email_formatted
        self._aftersales_schedule_activities(
            {ticket.id: user for ticket in self}, summary)
        for ticket in self:
            template.send_mail(ticket.id, email_values=email_values)
        _logger.info("Complaint tickets %s escalated to user %d",
                     self.ids, user.id)
