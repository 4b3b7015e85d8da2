# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The living demo: a service department built through the suite's own
methods (demo data only, see demo/aftersales_demo.xml)."""
import base64
import heapq
import logging
import math
import random
import struct
import time
import zlib
from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

# Everything below depends on this seed and on today's date only.
DEMO_SEED = 12
DEMO_DAYS = 60
TICKET_COUNT = 200
DEMO_TZ = "Europe/Madrid"
DEMO_CONTRACTS = 10
DEMO_REPAIRS = 4
# Products waiting for a part taken back to the workshop as it happened:
# received, repaired a day later (a part added, the defective one to
# recycling), returned to the customer the day after.
DEMO_RETURNED_REPAIRS = 3
# Satisfaction surveys: the share of invitations answered, and of answers
# with low scores (which open complaints).
SURVEY_RESPONSE_RATE = 0.7
SURVEY_LOW_RATE = 0.08
# The share of fault repairs done on a second visit (the part was not in the
# van): they are not first-time fixes.
SECOND_VISIT_RATE = 0.2
SURVEY_ITEMS = ("attitude", "skill", "arrival", "promise")
SURVEY_LEVELS = {4: "very_satisfied", 3: "satisfied", 2: "dissatisfied",
                 1: "very_dissatisfied"}
# Tracking and followers are noise in a batch build: the chatter of the
# demo records shows the messages the suite posts itself.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_auto_subscribe_no_notify": True,
    "no_reset_password": True,
    "tz": DEMO_TZ,
}
# The marker record: the demo is built once per database.
MARKER_XMLID = "aftersales.team_region_north_demo"

# (key, name, level, zone, parent key, served ZIP prefixes)
TEAMS = [
    ("region_north", "North Regional Centre", "region", "urban", None, "08"),
    ("region_south", "South Regional Centre", "region", "urban", None, "46"),
    ("north_city", "Barcelona City Service Centre", "center", "urban",
     "region_north", "080"),
    ("north_suburb", "Valles Service Point", "point", "suburban",
     "region_north", "081, 082"),
    ("south_city", "Valencia City Service Centre", "center", "urban",
     "region_south", "460"),
    ("south_suburb", "Horta Service Point", "point", "suburban",
     "region_south", "461, 462"),
]
FIELD_TEAMS = ("north_city", "north_suburb", "south_city", "south_suburb")
# (hour_from, hour_to) pairs and working weekdays of each team's calendar
CALENDARS = {
    "region_north": ([(9, 14), (15, 18)], range(5)),
    "region_south": ([(9, 14), (15, 18)], range(5)),
    "north_city": ([(8, 13), (14, 19)], range(5)),
    "north_suburb": ([(9, 13), (14, 17)], range(6)),
    "south_city": ([(8, 13), (14, 19)], range(5)),
    "south_suburb": ([(9, 13), (14, 17)], range(6)),
}
TEAM_CITIES = {
    "north_city": [("Barcelona", "080%02d")],
    "north_suburb": [("Sabadell", "082%02d"), ("Terrassa", "082%02d"),
                     ("Granollers", "084%02d"), ("Mataro", "083%02d")],
    "south_city": [("Valencia", "460%02d")],
    "south_suburb": [("Paterna", "469%02d"), ("Torrent", "469%02d"),
                     ("Burjassot", "461%02d"), ("Alboraya", "461%02d")],
}
# the suburban ZIP prefixes actually served (the point's and its extra ones)
TEAM_ZIPS = {
    "north_suburb": "081, 082, 083, 084",
    "south_suburb": "461, 462, 469",
}
FIRST_NAMES = ["Jordi", "Laura", "Marc", "Nuria", "Pau", "Carla", "Sergi",
               "Elena", "Javier", "Lucia", "Pablo", "Irene", "Hugo", "Marta",
               "Diego", "Alba", "Raul", "Ines", "Oscar", "Sara"]
LAST_NAMES = ["Puig", "Serra", "Vidal", "Ferrer", "Soler", "Navarro",
              "Garcia", "Martinez", "Lopez", "Sanchez", "Romero", "Torres",
              "Ruiz", "Molina", "Ortega", "Castillo", "Rubio", "Gil"]
CUSTOMER_WORDS = ["Hotel", "Clinic", "Bakery", "Residence", "School", "Gym",
                  "Restaurant", "Laundry", "Office Centre", "Dental Studio"]
CUSTOMER_NAMES = ["Mediterrani", "Sol", "Blau", "Montseny", "Turia",
                  "Albufera", "Tibidabo", "Miramar", "La Plana", "Levante",
                  "Collserola", "Serrano", "Llevant", "Malvarrosa", "Gracia"]
STREETS = ["Carrer de Mallorca", "Avinguda Diagonal", "Carrer Gran",
           "Calle Colon", "Avenida del Puerto", "Calle Mayor",
           "Rambla Nova", "Carrer de Sants", "Calle de la Paz"]
# (key, name, parent key)
CATEGORIES = [
    ("appliances", "Home & Professional Appliances", None),
    ("boilers", "Boilers", "appliances"),
    ("air", "Air Conditioners", "appliances"),
    ("washers", "Washing Machines", "appliances"),
    ("fridges", "Refrigerators", "appliances"),
    ("heaters", "Water Heaters", "appliances"),
    ("parts", "Spare Parts", None),
]
# (name, category, warranty months, list price, cost)
PRODUCTS = [
    ("Therma C24 Condensing Boiler", "boilers", 24, 1450.0, 980.0),
    ("Therma C30 Condensing Boiler", "boilers", 24, 1690.0, 1150.0),
    ("Therma Basic 18 Boiler", "boilers", 12, 890.0, 610.0),
    ("Therma Pro 45 Boiler", "boilers", 36, 3200.0, 2300.0),
    ("Breeze 2.5 kW Split AC", "air", 24, 720.0, 470.0),
    ("Breeze 3.5 kW Split AC", "air", 24, 860.0, 560.0),
    ("Breeze Ducted 7 kW AC", "air", 36, 2650.0, 1800.0),
    ("Breeze Portable 2 kW AC", "air", 0, 390.0, 240.0),
    ("Lavo 8 kg Washing Machine", "washers", 24, 540.0, 350.0),
    ("Lavo 10 kg Washing Machine", "washers", 24, 690.0, 450.0),
    ("Lavo Pro 18 kg Laundry Washer", "washers", 12, 3900.0, 2700.0),
    ("Lavo Compact Dryer", "washers", 0, 430.0, 280.0),
    ("Frio 300 L Refrigerator", "fridges", 24, 780.0, 510.0),
    ("Frio Side-by-Side Refrigerator", "fridges", 24, 1490.0, 990.0),
    ("Frio Display Cooler", "fridges", 12, 1850.0, 1250.0),
    ("Frio Chest Freezer", "fridges", 0, 520.0, 330.0),
    ("Aqua 80 L Water Heater", "heaters", 36, 340.0, 210.0),
    ("Aqua 150 L Water Heater", "heaters", 36, 480.0, 300.0),
    ("Aqua Instant Gas Heater", "heaters", 24, 410.0, 260.0),
    ("Aqua Heat Pump 200 L", "heaters", 12, 1980.0, 1350.0),
]
# (name, default code, list price, cost, products it serves)
PARTS = [
    ("Ignition electrode", "SP-IGN", 28.0, 11.0, "boilers"),
    ("Pressure relief valve", "SP-PRV", 42.0, 18.0, "boilers"),
    ("Boiler circulation pump", "SP-PMP", 165.0, 92.0, "boilers"),
    ("AC capacitor 35 uF", "SP-CAP", 24.0, 8.0, "air"),
    ("AC fan motor", "SP-FAN", 118.0, 64.0, "air"),
    ("Drain pump", "SP-DRN", 54.0, 26.0, "washers"),
    ("Door gasket", "SP-GSK", 39.0, 15.0, "washers"),
    ("Fridge thermostat", "SP-THM", 36.0, 14.0, "fridges"),
    ("Heating element 2 kW", "SP-HEL", 47.0, 21.0, "heaters"),
    ("Control board", "SP-CTL", 210.0, 120.0, None),
]
FAULT_CATEGORIES = [
    ("leak", "Water leak", None),
    ("noise", "Noise / vibration", None),
    ("cooling", "Not cooling", None),
    ("control", "Control electronics", None),
]
# (request type, weight)
REQUEST_TYPES = [("fault", 50), ("maintenance", 14), ("installation", 10),
                 ("consultation", 8), ("return", 4), ("complaint", 6),
                 ("claim", 2)]
CHANNELS = [("phone", 40), ("email", 20), ("portal", 15), ("web", 10),
            ("api", 5), ("walk_in", 10)]
PRIORITIES = [("0", 15), ("1", 55), ("2", 22), ("3", 8)]
SUBJECTS = {
    "fault": ["Unit does not start", "Error code on the display",
              "Water leaking under the unit", "Strange noise when running",
              "Stops after a few minutes", "No hot water",
              "Not cooling enough", "Trips the circuit breaker"],
    "maintenance": ["Yearly maintenance visit", "Filter and seal check",
                    "Preventive maintenance before winter"],
    "installation": ["Install the new unit", "Move the unit to another room",
                     "Commissioning of the new installation"],
    "consultation": ["How to set the eco mode", "Question about the warranty",
                     "Which spare part fits my model"],
    "return": ["Exchange of a unit damaged in transport",
               "Return of a unit that does not fit"],
    "complaint": ["Technician arrived late", "Same fault again after repair",
                  "Nobody called back"],
    "claim": ["Water damage to the floor after a leak"],
}
INTERNAL_SUBJECTS = ["Van stock inventory", "Tool calibration",
                     "Training: new boiler range", "Return of defective parts"]


def _png_signature(rng):
    """A small black-on-white PNG drawing of a signature (a wavy line)."""
    width, height = 160, 48
    rows = [[255] * width for _row in range(height)]
    phase = rng.random() * 6.28
    amplitude = 8 + rng.random() * 8
    for x_pos in range(8, width - 8):
        y_pos = int(height / 2 + amplitude * math.sin(phase + x_pos / 9.0)
                    * math.cos(x_pos / 37.0))
        for thick in (0, 1):
            if 0 <= y_pos + thick < height:
                rows[y_pos + thick][x_pos] = 0
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
    png = (b"\x89PNG\r\n\x1a\n"
           + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                        0, 0))
           + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
    return base64.b64encode(png)


class DemoClock(object):
    """The suite's one clock (``fields.Datetime.now``, ``fields.Date.today``
    and ``context_today``, which the suite's tests freeze the same way),
    moved by the builder from one simulated moment to the next, so that
    each action stamps the date it would have had. Field defaults keep the
    real clock: the builder gives those dates explicitly."""

    def __init__(self):
        self.moment = None
        self._saved = None

    def set(self, moment):
        self.moment = moment

    def now(self, *_args, **_kwargs):
        return fields.Datetime.to_string(self.moment)

    def today(self, *_args, **_kwargs):
        return self.now()[:10]

    @contextmanager
    def running(self):
        self._saved = (fields.Datetime.__dict__["now"],
                       fields.Date.__dict__["today"],
                       fields.Date.__dict__["context_today"])
        fields.Datetime.now = staticmethod(self.now)
        fields.Date.today = staticmethod(self.today)
        fields.Date.context_today = staticmethod(self.today)
        try:
            yield self
        finally:
            fields.Datetime.now, fields.Date.today, \
                fields.Date.context_today = self._saved


class AftersalesDemoBuilder(models.AbstractModel):
    """Builds the living demo of the suite: a service network with its
    calendars, directors, technicians and stocked vans, customers with
    delivered serial numbers, and about 200 service requests over the last
    60 days taken through the suite's own actions (dispatch, arrival, time
    and parts, signature, resolution, invoices and payments, complaints, a
    claim and its credit note, daily reports). Deterministic: a fixed seed
    and dates relative to today.

    The technicians' steps (arrival, voucher, signature, resolution) run as
    superuser, the ticket's technician recorded on them: evaluating their
    record rules on every step would cost a third of the build. The
    directors' and the manager's decisions (daily reports, the claim) run
    as those users, whose rights the actions check."""

    _name = "aftersales.demo.builder"
    _description = "After-Sales demo builder"

    @api.model
    def build_demo(self):
        """Entry point of demo/aftersales_demo.xml: build the demo once."""
        if self.env.ref(MARKER_XMLID, raise_if_not_found=False):
            return False
        started = time.time()
        builder = self.with_context(**QUIET_CONTEXT)
        real_now = datetime.utcnow().replace(microsecond=0)
        clock = DemoClock()
        with clock.running():
            clock.set(real_now - timedelta(days=DEMO_DAYS + 800))
            counts = builder._build_demo_all(
                random.Random(DEMO_SEED), clock, real_now)
        # when the demo was built: its dates go back from there
        self.env["ir.config_parameter"].sudo().set_param(
            "aftersales.demo_built_at",
            fields.Datetime.to_string(datetime.utcnow()))
        _logger.info("After-sales demo built in %.1f s: %s",
                     time.time() - started, counts)
        return True

    def _build_demo_all(self, rng, clock, real_now):
        network = self._build_demo_network()
        users = self._build_demo_users(network, rng)
        catalogue = self._build_demo_catalogue()
        customers = self._build_demo_customers(rng)
        users["all"] |= self._build_demo_other_roles(customers)
        stock = self._build_demo_stock(
            network, users, catalogue, customers, rng, clock, real_now)
        contracts = self._build_demo_contracts(stock["owned"], real_now)
        tickets = self._build_demo_tickets(
            network, users, catalogue, customers, stock, rng, clock, real_now)
        clock.set(real_now)
        self._build_demo_contract_invoicing(contracts)
        repairs = self._build_demo_repairs(tickets["workshop"])
        answers = self._build_demo_surveys(
            tickets["all"].filtered("is_closed"), rng)
        return {
            "teams": len(network["all"]), "users": len(users["all"]),
            "customers": len(customers), "serials": len(stock["serials"]),
            "tickets": len(tickets["all"]), "contracts": len(contracts),
            "survey answers": len(answers), "repairs": len(repairs),
        }

    # ------------------------------------------------------------------
    # Extension points for the suite's other addons
    # ------------------------------------------------------------------

    def _build_demo_contracts(self, owned, real_now):
        """10 maintenance contracts of the first customers, covering their
        delivered serials, activated before the requests are registered (so
        that coverage gives their requests category B): running ones,
        two ending within 30 days, one ended 40 days ago."""
        Contract = self.env["aftersales.contract"]
        fee = self.env.ref(
            "aftersales_contract.product_product_maintenance_fee")
        today = real_now.date()
        contracts = Contract
        for index, (customer, lots) in enumerate(sorted(
                owned.items(), key=lambda item: item[0].id)[:DEMO_CONTRACTS]):
            if index == 0:
                end = today - timedelta(days=40)      # expired
            elif index in (1, 2):
                end = today + timedelta(days=10 * index)  # expiring
            else:
                end = today + timedelta(days=120 + 30 * index)
            start = end - timedelta(days=365)
            yearly = index % 2
            contract = Contract.create({
                "partner_id": customer.id,
                "sla_tier": ("gold", "silver", "standard")[index % 3],
                "date_start": fields.Date.to_string(start),
                "date_end": fields.Date.to_string(end),
                "frequency": "yearly" if yearly else "quarterly",
                "renewal_percent": 3.0,
                "equipment_ids": [(0, 0, {
                    "product_id": lot.product_id.id, "lot_id": lot.id,
                    "site_id": customer.id}) for lot in lots],
                "line_ids": [(0, 0, {
                    "product_id": fee.id,
                    "name": "Maintenance of %d appliance(s)" % len(lots),
                    "quantity": 1.0,
                    "price_unit": (900.0 if yearly else 240.0) * len(lots)})],
            })
            self._demo_xmlid("contract_%02d_demo" % (index + 1), contract)
            contracts |= contract
        contracts.action_activate()
        return contracts

    def _build_demo_contract_invoicing(self, contracts):
        """Today: the contracts' due periods invoiced by their own job, the
        invoices validated (the recurring revenue), the expiry job run
        (notices of the expiring ones, the ended one expired)."""
        contracts._job_invoice_batch(fields.Date.context_today(self))
        contracts.mapped("period_ids.invoice_id").filtered(
            lambda invoice: invoice.state == "draft").action_invoice_open()
        contracts._cron_expiry()

    def _build_demo_surveys(self, tickets, rng):
        """Most closed requests' invitations answered (the four items, a
        suggestion now and then), a few with low scores, whose complaint
        job opens their escalated complaints."""
        invitations = self.env["survey.user_input"].search(
            [("ticket_id", "in", tickets.ids), ("state", "!=", "done")],
            order="id")
        Line = self.env["survey.user_input_line"]
        questions = {item: self.env.ref(
            "aftersales_survey.survey_question_%s" % item)
            for item in SURVEY_ITEMS}
        comment = self.env.ref("aftersales_survey.survey_question_comment")
        answered = self.env["survey.user_input"]
        for invitation in invitations:
            if rng.random() > SURVEY_RESPONSE_RATE:
                continue
            low = rng.random() < SURVEY_LOW_RATE
            for item, question in questions.items():
                level = rng.choice((1, 2) if low else (3, 4, 4))
                Line.create({
                    "user_input_id": invitation.id,
                    "question_id": question.id, "answer_type": "suggestion",
                    "value_suggested": self.env.ref(
                        "aftersales_survey.survey_label_%s_%s"
                        % (item, SURVEY_LEVELS[level])).id,
                })
            if low:
                Line.create({
                    "user_input_id": invitation.id,
                    "question_id": comment.id, "answer_type": "free_text",
                    "value_free_text": "The technician came late and the "
                                       "fault came back the next day.",
                })
            answered |= invitation
        # completed as the survey controller does: scores, low-score check
        answered.write({"state": "done"})
        # the complaint job, run here rather than by the job runner
        answered.filtered("is_low_score")._aftersales_open_complaints()
        return answered

    def _build_demo_repairs(self, tickets):
        """The open fault requests that could not be fixed on site (with a
        serial) taken back to the workshop through the ticket's own action:
        the product received by its incoming picking, a repair opened,
        confirmed and started."""
        workshop = tickets.filtered(
            lambda ticket: not ticket.is_closed and ticket.lot_id
            and ticket.product_id)[:DEMO_REPAIRS]
        repairs = workshop._take_back_for_repair()
        repairs.action_repair_confirm()
        repairs[:len(repairs) // 2].action_repair_start()
        return repairs

    # ------------------------------------------------------------------
    # Master data
    # ------------------------------------------------------------------

    def _demo_xmlid(self, name, record):
        """Name the demo record ``aftersales.<name>`` (noupdate: kept by
        module updates)."""
        self.env["ir.model.data"].create({
            "module": "aftersales", "name": name, "model": record._name,
            "res_id": record.id, "noupdate": True,
        })
        return record

    def _build_demo_network(self):
        """Two regional centres under the core's demo headquarters, each
        with an urban service centre and a suburban service point that
        serve ZIP prefixes; each team has its own working calendar."""
        headquarters = self.env.ref("aftersales_ticket.team_headquarters_demo")
        Team = self.env["aftersales.team"]
        Calendar = self.env["resource.calendar"]
        teams = {"hq": headquarters}
        for key, name, level, zone, parent, zips in TEAMS:
            periods, weekdays = CALENDARS[key]
            calendar = Calendar.create({
                "name": "%s hours" % name,
                "tz": DEMO_TZ,
                "attendance_ids": [(5, 0, 0)] + [
                    (0, 0, {"name": "Day %d %02d-%02d" % (day, start, end),
                            "dayofweek": str(day), "hour_from": start,
                            "hour_to": end})
                    for day in weekdays for start, end in periods],
            })
            teams[key] = self._demo_xmlid("team_%s_demo" % key, Team.create({
                "name": name, "level": level, "zone": zone,
                "parent_id": teams[parent].id if parent else headquarters.id,
                "zip_prefixes": TEAM_ZIPS.get(key, zips),
                "resource_calendar_id": calendar.id,
                "color": len(teams),
            }))
        teams["all"] = Team.browse([teams[key].id for key, *_rest in TEAMS])
        return teams

    def _create_demo_user(self, xmlid, name, login, group_xmlid, **values):
        vals = {
            "name": name, "login": login, "password": login,
            "email": "%s@service.example.com" % login,
            "tz": DEMO_TZ,
            "groups_id": [(6, 0, [self.env.ref(group_xmlid).id])],
        }
        vals.update(values)
        return self._demo_xmlid(xmlid, self.env["res.users"].create(vals))

    def _build_demo_users(self, network, rng):
        """A service manager, one director per regional centre, service
        centre and point, three technicians with skills per field team, and
        two call-centre agents. Each user logs in with his login as
        password."""
        names = ["%s %s" % (first, last) for first in FIRST_NAMES
                 for last in LAST_NAMES]
        rng.shuffle(names)
        names = iter(names)
        users = {"technicians": {}}
        users["manager"] = self._create_demo_user(
            "user_manager_demo", next(names), "as_manager",
            "aftersales_ticket.group_manager")
        network["hq"].manager_id = users["manager"]
        self.env.ref("base.main_company").aftersales_executive_id = \
            users["manager"]
        users["agents"] = self.env["res.users"]
        for index in (1, 2):
            users["agents"] |= self._create_demo_user(
                "user_agent_%d_demo" % index, next(names),
                "as_agent%d" % index, "aftersales_ticket.group_agent")
        users["directors"] = {}
        for key, *_rest in TEAMS:
            director = self._create_demo_user(
                "user_director_%s_demo" % key, next(names),
                "as_director_%s" % key, "aftersales_ticket.group_director")
            users["directors"][key] = director
            network[key].write({"director_id": director.id,
                                "manager_id": users["manager"].id})
        users["all"] = users["manager"] | users["agents"]
        for director in users["directors"].values():
            users["all"] |= director
        return users

    def _build_demo_other_roles(self, customers):
        """The roles around the service department: a billing clerk, a
        warehouse clerk and a customer's contact on the portal (the first
        customer's: a contract, requests, repairs). Each logs in with his
        login as password."""
        users = self._create_demo_user(
            "user_billing_demo", "Berta Billing", "as_billing",
            "account.group_account_invoice")
        users |= self._create_demo_user(
            "user_warehouse_demo", "Walter Warehouse", "as_warehouse",
            "stock.group_stock_user")
        contact = customers[0].child_ids[:1]
        users |= self._create_demo_user(
            "user_customer_demo", contact.name, "as_customer",
            "base.group_portal", partner_id=contact.id, email=contact.email)
        return users

    def _build_demo_catalogue(self):
        """Product categories, the 20 serial-tracked products (their
        warranty in months) and the spare parts, fault categories."""
        Category = self.env["product.category"]
        categories = {}
        for key, name, parent in CATEGORIES:
            categories[key] = self._demo_xmlid(
                "product_category_%s_demo" % key, Category.create({
                    "name": name,
                    "parent_id": categories[parent].id if parent else False,
                }))
        Product = self.env["product.product"]
        products = Product
        for index, (name, categ, warranty, price, cost) in enumerate(
                PRODUCTS, 1):
            products |= self._demo_xmlid(
                "product_%02d_demo" % index, Product.create({
                    "name": name, "type": "product", "tracking": "serial",
                    "categ_id": categories[categ].id, "warranty": warranty,
                    "list_price": price, "standard_price": cost,
                    "default_code": "EQ-%03d" % index,
                }))
        parts = Product
        part_categ = {}
        for index, (name, code, price, cost, serves) in enumerate(PARTS, 1):
            part = self._demo_xmlid("part_%02d_demo" % index, Product.create({
                "name": name, "default_code": code, "type": "product",
                "categ_id": categories["parts"].id, "list_price": price,
                "standard_price": cost,
            }))
            parts |= part
            part_categ[part.id] = serves
        FaultCategory = self.env["aftersales.ticket.category"]
        faults = self.env.ref("aftersales_ticket.category_power_supply_demo") \
            | self.env.ref("aftersales_ticket.category_mechanical_demo")
        for key, name, _parent in FAULT_CATEGORIES:
            faults |= self._demo_xmlid(
                "fault_category_%s_demo" % key,
                FaultCategory.create({"name": name}))
        return {"categories": categories, "products": products,
                "parts": parts, "part_categ": part_categ, "faults": faults}

    def _build_demo_customers(self, rng):
        """30 customer companies, each with a contact person, whose ZIP
        codes route them to one of the four field teams. The company has
        no e-mail (its contact has): registering a request for it sends no
        acknowledgement e-mail."""
        Partner = self.env["res.partner"]
        spain = self.env.ref("base.es")
        states = {"north": self.env.ref("base.state_es_b"),
                  "south": self.env.ref("base.state_es_v")}
        customers = Partner
        names = ["%s %s" % (word, name) for name in CUSTOMER_NAMES
                 for word in CUSTOMER_WORDS]
        rng.shuffle(names)
        for index in range(30):
            team_key = FIELD_TEAMS[index % len(FIELD_TEAMS)]
            city, zip_pattern = rng.choice(TEAM_CITIES[team_key])
            zip_code = zip_pattern % rng.randint(1, 40)
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            slug = names[index].lower().replace(" ", "-")
            customer = Partner.create({
                "name": names[index], "is_company": True,
                "customer": True,
                "street": "%s %d" % (rng.choice(STREETS), rng.randint(1, 220)),
                "zip": zip_code, "city": city,
                "state_id": states[team_key.split("_")[0]].id,
                "country_id": spain.id,
                "phone": "+34 9%d %03d %03d" % (
                    3 if team_key.startswith("north") else 6,
                    rng.randint(100, 999), rng.randint(100, 999)),
                "child_ids": [(0, 0, {
                    "name": "%s %s" % (first, last), "type": "contact",
                    "email": "%s.%s@%s.example.com" % (
                        first.lower(), last.lower(), slug),
                    "mobile": "+34 6%02d %03d %03d" % (
                        rng.randint(0, 99), rng.randint(100, 999),
                        rng.randint(100, 999)),
                })],
            })
            customers |= self._demo_xmlid("customer_%02d_demo" % (index + 1),
                                          customer)
        return customers

    # ------------------------------------------------------------------
    # Stock: inventory, vans, deliveries of the customers' equipment
    # ------------------------------------------------------------------

    def _build_demo_stock(self, network, users, catalogue, customers, rng,
                          clock, real_now):
        """The warehouse's opening inventory (parts and serial numbers),
        three technicians per field team with skills and a van (an internal
        location) stocked by a done internal transfer, and the customers'
        equipment delivered by done outgoing pickings, dated over the last
        three years (so that some serials are still under warranty, others
        not)."""
        company = self.env.ref("base.main_company")
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", company.id)], limit=1)
        stock_location = warehouse.lot_stock_id
        products, parts = catalogue["products"], catalogue["parts"]
        # serial numbers: 1 to 3 pieces of equipment per customer
        Lot = self.env["stock.production.lot"]
        owned = []  # (customer, lot)
        for index, customer in enumerate(customers):
            for _piece in range(rng.choice((1, 1, 2, 2, 3))):
                product = rng.choice(products)
                lot = Lot.create({
                    "name": "SN-%s-%05d" % (product.default_code[3:],
                                            1000 + len(owned) * 37),
                    "product_id": product.id,
                })
                owned.append((customer, lot))
        # opening inventory, more than two years ago
        Inventory = self.env["stock.inventory"]
        inventory = Inventory.create({
            "name": "Opening stock of the service warehouse",
            "filter": "partial", "location_id": stock_location.id,
        })
        inventory.action_start()
        spare_location = self.env.ref(
            "aftersales_repair.stock_location_spare_parts")
        lines = [(0, 0, {"product_id": part.id, "location_id": location.id,
                         "product_qty": quantity})
                 for part in parts for location, quantity in (
                     (stock_location, 400.0), (spare_location, 40.0))]
        lines += [(0, 0, {"product_id": lot.product_id.id, "prod_lot_id": lot.id,
                          "location_id": stock_location.id,
                          "product_qty": 1.0}) for _customer, lot in owned]
        inventory.write({"line_ids": lines})
        inventory.action_done()
        # technicians and their vans, stocked 61 days ago
        clock.set(self._demo_work_time(real_now - timedelta(days=DEMO_DAYS + 1),
                                       8.0))
        names = iter(["Tech %s %s" % (first, last) for first, last in zip(
            FIRST_NAMES[::-1], LAST_NAMES)])
        skills = [("boilers", "heaters"), ("air", "fridges"),
                  ("washers", "fridges", "heaters")]
        vans = {}
        stocked = {}  # (location id, product id): quantity
        technicians = self.env["res.users"]
        Location = self.env["stock.location"]
        Picking = self.env["stock.picking"]
        for team_key in FIELD_TEAMS:
            team = network[team_key]
            for number in range(3):
                index = len(technicians) + 1
                name = next(names).replace("Tech ", "")
                van = self._demo_xmlid("van_%02d_demo" % index, Location.create({
                    "name": "Van %02d (%s)" % (index, name),
                    "usage": "internal",
                    "location_id": warehouse.view_location_id.id,
                }))
                skill_keys = skills[number]
                technician = self._create_demo_user(
                    "user_technician_%02d_demo" % index, name,
                    "as_tech%02d" % index, "aftersales_ticket.group_technician",
                    aftersales_location_id=van.id,
                    aftersales_product_categ_ids=[(6, 0, [
                        catalogue["categories"][key].id
                        for key in skill_keys])],
                )
                team.member_ids = [(4, technician.id)]
                technicians |= technician
                users["technicians"].setdefault(team_key, self.env[
                    "res.users"])
                users["technicians"][team_key] |= technician
                vans[technician.id] = van
                quantities = {}
                for part in parts:
                    serves = catalogue["part_categ"][part.id]
                    if serves is None or serves in skill_keys:
                        quantities[part] = float(rng.choice((8, 10, 12, 15)))
                picking = Picking.create({
                    "picking_type_id": warehouse.int_type_id.id,
                    "location_id": stock_location.id,
                    "location_dest_id": van.id,
                    "origin": "Van stock %s" % name,
                    "move_lines": [(0, 0, {
                        "name": part.name, "product_id": part.id,
                        "product_uom": part.uom_id.id, "product_uom_qty": qty,
                        "location_id": stock_location.id,
                        "location_dest_id": van.id,
                    }) for part, qty in quantities.items()],
                })
                picking.action_confirm()
                picking.action_assign()
                for move_line in picking.move_line_ids:
                    move_line.qty_done = move_line.product_uom_qty
                picking.action_done()
                for part, qty in quantities.items():
                    stocked[(van.id, part.id)] = qty
        users["all"] |= technicians
        # the customers' equipment, one delivery per customer
        by_customer = {}
        for customer, lot in owned:
            by_customer.setdefault(customer, []).append(lot)
        customer_location = self.env.ref("stock.stock_location_customers")
        MoveLine = self.env["stock.move.line"]
        serials = Lot
        for customer, lots in by_customer.items():
            days_ago = rng.randint(DEMO_DAYS + 10, 900)
            clock.set(self._demo_work_time(
                real_now - timedelta(days=days_ago), rng.uniform(8, 15)))
            picking = Picking.create({
                "picking_type_id": warehouse.out_type_id.id,
                "partner_id": customer.id,
                "location_id": stock_location.id,
                "location_dest_id": customer_location.id,
                "origin": "Sale to %s" % customer.name,
                "move_lines": [(0, 0, {
                    "name": lot.product_id.name,
                    "product_id": lot.product_id.id,
                    "product_uom": lot.product_id.uom_id.id,
                    "product_uom_qty": 1.0,
                    "location_id": stock_location.id,
                    "location_dest_id": customer_location.id,
                    "partner_id": customer.id,
                }) for lot in lots],
            })
            picking.action_confirm()
            picking.move_line_ids.unlink()
            for move, lot in zip(picking.move_lines, lots):
                MoveLine.create({
                    "move_id": move.id, "picking_id": picking.id,
                    "product_id": move.product_id.id,
                    "product_uom_id": move.product_uom.id,
                    "location_id": stock_location.id,
                    "location_dest_id": customer_location.id,
                    "lot_id": lot.id, "qty_done": 1.0,
                })
            picking.action_done()
            for lot in lots:
                serials |= lot
        return {"warehouse": warehouse, "vans": vans, "stocked": stocked,
                "serials": serials, "technicians": technicians,
                "owned": by_customer}

    # ------------------------------------------------------------------
    # Service requests, day by day
    # ------------------------------------------------------------------

    @api.model
    def _demo_work_time(self, day, hour):
        """``day`` (a datetime) at ``hour`` (UTC, decimal), moved back to
        the Friday before when it falls on a week-end."""
        moment = datetime.combine(day.date(), datetime.min.time()) + \
            timedelta(hours=hour)
        while moment.weekday() >= 5:
            moment -= timedelta(days=1)
        return moment.replace(microsecond=0)

    @api.model
    def _demo_later(self, moment, hours):
        """``hours`` of working time after ``moment`` (07:00-17:00 UTC on
        week days), roughly: what does not fit in the day goes on the next
        working day."""
        result = moment + timedelta(hours=hours)
        end_of_day = moment.replace(hour=17, minute=0, second=0)
        if result > end_of_day:
            overflow = (result - max(end_of_day, moment)).total_seconds()
            result = moment.replace(hour=7, minute=30, second=0) + timedelta(
                days=1, hours=min(overflow / 3600.0, 8.0))
        while result.weekday() >= 5:
            result += timedelta(days=1)
        return result

    def _demo_weighted(self, rng, choices):
        total = sum(weight for _value, weight in choices)
        pick = rng.uniform(0, total)
        for value, weight in choices:
            pick -= weight
            if pick <= 0:
                return value
        return choices[-1][0]

    def _plan_demo_requests(self, network, catalogue, customers, stock, rng,
                            real_now):
        """The requests to register: when, for whom, about what, and how
        far each went (its target stage), deterministic for a given day."""
        company_partner = self.env.ref("base.main_company").partner_id
        owned = stock["owned"]
        plans = []
        for index in range(TICKET_COUNT):
            days_ago = (index * DEMO_DAYS) // TICKET_COUNT
            received = self._demo_work_time(
                real_now - timedelta(days=DEMO_DAYS - days_ago),
                rng.uniform(7.0, 16.5))
            if received > real_now - timedelta(minutes=20):
                received = real_now - timedelta(minutes=rng.randint(20, 240))
            age = (real_now - received).total_seconds() / 86400.0
            plan = {
                "index": index, "received": received,
                "channel": self._demo_weighted(rng, CHANNELS),
                "priority": self._demo_weighted(rng, PRIORITIES),
                "type": self._demo_weighted(rng, REQUEST_TYPES),
                "category": None,
            }
            if index % 25 == 7:  # internal work (D) of a field team
                plan.update(type="maintenance", category="D",
                            partner=company_partner, lot=None,
                            team=network[FIELD_TEAMS[index % 4]],
                            subject=rng.choice(INTERNAL_SUBJECTS))
            else:
                customer = customers[rng.randrange(len(customers))]
                lots = owned.get(customer, [])
                lot = rng.choice(lots) if lots else None
                plan.update(partner=customer, lot=lot, team=None,
                            subject=rng.choice(SUBJECTS[plan["type"]]))
                if index % 9 == 4:
                    plan["category"] = "A"  # paid at the customer's request
            plan["target"] = self._plan_demo_target(rng, age, plan)
            plans.append(plan)
        self._plan_demo_special_cases(plans, customers, owned)
        return plans

    def _plan_demo_target(self, rng, age, plan):
        if plan["type"] == "consultation":
            return rng.choice(["closed", "closed", "dispatched"]) \
                if age > 2 else "dispatched"
        if age < 0.5:
            return rng.choice(["new", "dispatched", "dispatched"])
        if age < 3:
            return rng.choice(["new", "dispatched", "in_progress",
                               "waiting_customer", "resolved"])
        if age < 10:
            return rng.choice(["dispatched", "in_progress", "waiting_parts",
                               "waiting_customer", "resolved", "closed",
                               "closed", "cancelled"])
        return rng.choice(["closed"] * 12 + ["resolved", "waiting_parts",
                                             "cancelled"])

    def _plan_demo_special_cases(self, plans, customers, owned):
        """One repeat complaint (same customer and serial, ten days apart),
        one serious complaint, one claim with evidence and compensation."""
        customer = customers[3]
        lot = owned[customer][0]
        for plan, days_back in ((plans[120], None), (plans[150], None)):
            plan.update(type="complaint", partner=customer, lot=lot,
                        category=None, team=None, priority="1",
                        subject="Same fault again after the repair",
                        target="closed" if plan is plans[120] else "dispatched")
        plans[170].update(type="complaint", serious=True, priority="2",
                          subject="Technician damaged the kitchen floor",
                          target="in_progress", category=None)
        plans[60].update(type="claim", target="resolved", category=None,
                         subject="Water damage to the floor after a leak",
                         compensation=250.0)
        # every stage at least once, whatever the day
        for plan, target in ((plans[-1], "new"), (plans[-3], "dispatched"),
                             (plans[100], "waiting_parts"),
                             (plans[101], "waiting_customer"),
                             (plans[102], "cancelled"),
                             (plans[103], "in_progress"),
                             (plans[104], "resolved")):
            if plan["type"] not in ("complaint", "claim"):
                plan.update(target=target, keep_stage=True)
        for plan in plans:
            if plan["type"] == "complaint":
                plan["category"] = None
            if plan["type"] in ("complaint", "consultation") and \
                    plan["category"] == "D":
                plan["category"] = None
        # complaints are about distinct customers, except the repeat
        taken = {customer.id}
        for plan in plans:
            if plan["type"] == "complaint" and plan is not plans[120] and \
                    plan is not plans[150]:
                others = [c for c in customers if c.id not in taken]
                plan["partner"] = others[0]
                plan["lot"] = None
                taken.add(others[0].id)

    def _build_demo_tickets(self, network, users, catalogue, customers, stock,
                            rng, clock, real_now):
        """Register and work the requests in the order things happened:
        every step is an event at its own moment of the demo clock, along
        with the daily SLA check, the morning carry-over and the evening
        daily reports."""
        plans = self._plan_demo_requests(network, catalogue, customers, stock,
                                         rng, real_now)
        events = []
        for plan in plans:
            events.append((plan["received"], 0, len(events), "create", plan))
        start = real_now - timedelta(days=DEMO_DAYS)
        for offset in range(DEMO_DAYS + 1):
            day = start + timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            morning = self._demo_work_time(day, 6.5)
            evening = self._demo_work_time(day, 18.5)
            if morning < real_now:
                events.append((morning, 1, len(events), "carry_over", None))
            if evening < real_now:
                events.append((evening, 1, len(events), "sla_check", None))
                if (real_now - evening).days < 6:
                    events.append((evening, 2, len(events), "daily_reports", {
                        "approve": (real_now - evening).days >= 2}))
        state = {"tickets": self.env["aftersales.ticket"], "van_stock":
                 dict(stock["stocked"]), "workshop": self.env[
                     "aftersales.ticket"], "rng": rng, "users": users,
                 "network": network, "catalogue": catalogue, "stock": stock,
                 "real_now": real_now, "returned_repairs": 0}
        heapq.heapify(events)
        sequence = 0
        while events:
            moment, order, _index, kind, data = heapq.heappop(events)
            if moment > real_now:
                continue
            clock.set(moment)
            follow = getattr(self, "_demo_event_%s" % kind)(data, state)
            for later, next_kind in follow or ():
                sequence += 1
                heapq.heappush(events, (later, 0, 10000 + sequence, next_kind,
                                        data))
        return {"all": state["tickets"], "workshop": state["workshop"]}

    # Events: each returns the (moment, event) that follow it.

    def _demo_event_create(self, plan, state):
        Ticket = self.env["aftersales.ticket"]
        if plan["target"] == "new":
            Ticket = Ticket.with_context(aftersales_no_auto_assign=True)
        vals = {
            "subject": plan["subject"], "partner_id": plan["partner"].id,
            "request_type": plan["type"], "channel": plan["channel"],
            "priority": plan["priority"],
            "date_received": fields.Datetime.to_string(plan["received"]),
            "description": "%s (reported by %s)." % (
                plan["subject"], plan["channel"].replace("_", "-")),
        }
        if plan["lot"]:
            vals["lot_id"] = plan["lot"].id
        if plan["category"]:
            vals["service_category"] = plan["category"]
        if plan.get("team"):
            vals["team_id"] = plan["team"].id
        if plan.get("serious"):
            vals["is_serious"] = True
        if plan["type"] == "fault" and state["rng"].random() < 0.7:
            vals["category_id"] = state["rng"].choice(
                state["catalogue"]["faults"]).id
        ticket = Ticket.create(vals)
        plan["ticket"] = ticket
        state["tickets"] |= ticket
        target = plan["target"]
        if target == "cancelled":
            return [(self._demo_later(plan["received"], 2.0), "cancel")]
        if target in ("new", "dispatched") or not ticket.user_id:
            return []
        planned = fields.Datetime.from_string(ticket.date_planned) \
            if ticket.date_planned else plan["received"]
        rng = state["rng"]
        arrival = max(planned, plan["received"]) + timedelta(
            minutes=rng.randint(10, 90) if rng.random() < 0.85
            else rng.randint(300, 900))
        return [(arrival, "arrive")]

    def _demo_event_cancel(self, plan, state):
        plan["ticket"].write({
            "stage_id": self.env.ref("aftersales_ticket.stage_cancelled").id})

    def _demo_event_arrive(self, plan, state):
        ticket = plan["ticket"]
        ticket.action_arrive()
        plan["arrived_at"] = self._demo_now()
        rng = state["rng"]
        target = plan["target"]
        if target == "in_progress":
            if plan["type"] == "fault" and rng.random() < 0.4:
                state["workshop"] |= ticket
            return []
        if target in ("waiting_parts", "waiting_customer"):
            return [(self._demo_later(self._demo_now(), 1.0), target)]
        if target in ("resolved", "closed") and plan["type"] == "fault" \
                and "second_visit" not in plan:
            plan["second_visit"] = rng.random() < SECOND_VISIT_RATE
            if plan["second_visit"]:
                return [(self._demo_later(self._demo_now(), 1.0),
                         "part_ordered")]
        return [(self._demo_later(self._demo_now(), rng.uniform(0.5, 3.0)),
                 "work")]

    def _demo_now(self):
        return fields.Datetime.from_string(fields.Datetime.now())

    def _demo_wait_for_part(self, plan, state):
        """The visit's time on the voucher; the part is not in the van."""
        self._demo_record_voucher(plan, state, parts=False)
        plan["ticket"].write({
            "stage_id": self.env.ref("aftersales_ticket.stage_waiting_parts").id,
            "diagnosis": "The spare part is not in the van; ordered."})

    def _demo_event_waiting_parts(self, plan, state):
        ticket = plan["ticket"]
        self._demo_wait_for_part(plan, state)
        if plan["type"] != "fault":
            return []
        if ticket.lot_id and ticket.product_id and \
                not plan.get("keep_stage") and \
                state["returned_repairs"] < DEMO_RETURNED_REPAIRS:
            state["returned_repairs"] += 1
            return [(self._demo_later(self._demo_now(), 6.0), "take_back")]
        state["workshop"] |= ticket
        return []

    # The workshop: taken back, repaired, returned.

    def _demo_event_take_back(self, plan, state):
        plan["repair"] = plan["ticket"]._take_back_for_repair()
        plan["repair"].action_repair_confirm()
        return [(self._demo_later(self._demo_now(), 8.0), "repair")]

    def _demo_event_repair(self, plan, state):
        """A new part from the spare-parts location, the defective one to
        recycling, and the repair's customer invoice when there is one."""
        repair = plan["repair"]
        part = state["rng"].choice(
            self._demo_parts_for(state, repair.product_id))
        Line = self.env["mrp.repair.line"]
        for line_type, price in (("add", part.lst_price), ("remove", 0.0)):
            Line.create({
                "repair_id": repair.id, "type": line_type,
                "product_id": part.id, "name": part.name,
                "product_uom_qty": 1.0, "product_uom": part.uom_id.id,
                "price_unit": price,
            })
        repair.action_repair_start()
        repair.action_repair_end()
        if repair.state == "2binvoiced":
            repair.action_repair_invoice_create()
        return [(self._demo_later(self._demo_now(), 8.0), "return_product")]

    def _demo_event_return_product(self, plan, state):
        """The product delivered back, signed by the customer."""
        repair = plan["repair"]
        repair.action_create_return()
        picking = repair.return_picking_id
        picking.write({
            "aftersales_signature": _png_signature(state["rng"]),
            "aftersales_signed_by": self._demo_signer(plan),
        })
        picking.action_done()

    def _demo_event_part_ordered(self, plan, state):
        """The first visit ends waiting for a part; the technician comes
        back one to three working days later, when it has arrived."""
        self._demo_wait_for_part(plan, state)
        day = self._demo_now().date() + timedelta(
            days=state["rng"].randint(1, 3))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        back = datetime.combine(day, datetime.min.time()) + timedelta(
            hours=round(state["rng"].uniform(8.0, 14.0), 2))
        return [(back.replace(microsecond=0), "arrive")]

    def _demo_event_waiting_customer(self, plan, state):
        plan["ticket"].write({
            "stage_id": self.env.ref(
                "aftersales_ticket.stage_waiting_customer").id,
            "diagnosis": "The customer must confirm the quotation."})

    def _demo_record_voucher(self, plan, state, parts=True):
        """Time and parts on the voucher, taken from what the van holds."""
        ticket, rng = plan["ticket"], state["rng"]
        now = self._demo_now()
        # the time of this visit (a ticket's date_arrived is its first)
        arrived = plan.get("arrived_at") or now
        hours = max(0.25, round(((now - arrived).total_seconds() / 3600.0)
                                * 4) / 4.0)
        self.env["account.analytic.line"].create({
            "name": "%s: on-site work" % ticket.name,
            "aftersales_ticket_id": ticket.id, "user_id": ticket.user_id.id,
            "date": fields.Date.to_string(now.date()),
            "unit_amount": min(hours, 6.0),
        })
        if not parts or plan["type"] not in ("fault", "maintenance",
                                             "installation", "claim"):
            return
        van = state["stock"]["vans"].get(ticket.user_id.id)
        if not van:
            return
        candidates = [
            part for part in self._demo_parts_for(state, ticket.product_id)
            if state["van_stock"].get((van.id, part.id), 0) >= 2]
        for part in rng.sample(candidates, min(len(candidates),
                                               rng.choice((0, 1, 1, 2)))):
            quantity = float(rng.choice((1, 1, 2)))
            self.env["aftersales.ticket.part"].create({
                "ticket_id": ticket.id, "product_id": part.id,
                "quantity": quantity})
            state["van_stock"][(van.id, part.id)] -= quantity

    def _demo_parts_for(self, state, product):
        """The spare parts that fit ``product``: those of its category and
        those that fit every appliance."""
        catalogue, categ = state["catalogue"], product.categ_id
        key = categ.name and self._demo_categ_key(state, categ)
        return [part for part in catalogue["parts"]
                if catalogue["part_categ"][part.id] in (None, key)]

    @staticmethod
    def _demo_signer(plan):
        """Who signs for the customer: its first contact, or itself."""
        return plan["partner"].child_ids[:1].name or plan["partner"].name

    def _demo_categ_key(self, state, categ):
        for key, category in state["catalogue"]["categories"].items():
            if category == categ:
                return key
        return None

    def _demo_event_work(self, plan, state):
        """The work done: voucher, signature, resolution; paid jobs are
        invoiced at once."""
        ticket, rng = plan["ticket"], state["rng"]
        self._demo_record_voucher(plan, state)
        ticket.write({
            "diagnosis": "Checked on site: %s." % plan["subject"].lower(),
            "resolution": "Fault fixed and unit tested with the customer.",
            "customer_signature": _png_signature(rng),
            "signed_by": self._demo_signer(plan),
        })
        ticket.action_resolve()
        follow = []
        if plan.get("compensation"):
            follow.append((self._demo_later(self._demo_now(), 2.0), "claim"))
        if ticket.service_category == "A" and (ticket.labour_hours
                                               or ticket.part_ids):
            ticket.action_create_invoice()
        if plan["target"] == "closed":
            follow.append((self._demo_later(
                self._demo_now(), rng.uniform(4, 30)), "close"))
        return follow

    def _demo_event_claim(self, plan, state):
        """Evidence, submission, approval by the manager (credit note)."""
        ticket = plan["ticket"]
        self.env["ir.attachment"].create({
            "name": "floor-damage.png", "datas_fname": "floor-damage.png",
            "res_model": "aftersales.ticket", "res_id": ticket.id,
            "datas": _png_signature(state["rng"]),
        })
        ticket.write({"compensation_amount": plan["compensation"]})
        ticket.action_claim_submit()
        ticket.sudo(state["users"]["manager"]).action_claim_approve()
        ticket.claim_refund_id.action_invoice_open()

    def _demo_event_close(self, plan, state):
        ticket, rng = plan["ticket"], state["rng"]
        if ticket.request_type == "complaint":
            self.env["aftersales.complaint.notify.wizard"].create({
                "ticket_ids": [(6, 0, ticket.ids)],
                "method": rng.choice(("phone", "written")),
                "notified_on": fields.Datetime.now(),
                "notified_by_id": ticket.team_id.director_id.id
                or self.env.uid,
                "note": "Apologies presented; the technician's visit was "
                        "rescheduled.",
            }).action_confirm()
        ticket.write({
            "stage_id": self.env.ref("aftersales_ticket.stage_closed").id})
        invoices = ticket.invoice_ids.filtered(lambda inv: inv.state == "draft")
        if invoices:
            invoices.action_invoice_open()
            if rng.random() < 0.65:
                return [(self._demo_later(self._demo_now(), rng.uniform(8, 60)),
                         "pay")]
        return []

    def _demo_event_pay(self, plan, state):
        invoices = plan["ticket"].invoice_ids.filtered(
            lambda inv: inv.state == "open")
        journal = self.env["account.journal"].search(
            [("type", "=", "bank"),
             ("company_id", "=", plan["ticket"].company_id.id)], limit=1)
        for invoice in invoices:
            payment = self.env["account.payment"].create({
                "payment_type": "inbound", "partner_type": "customer",
                "partner_id": invoice.commercial_partner_id.id,
                "amount": invoice.residual, "journal_id": journal.id,
                "payment_method_id": self.env.ref(
                    "account.account_payment_method_manual_in").id,
                "payment_date": fields.Date.today(),
                "communication": invoice.number,
                "invoice_ids": [(6, 0, invoice.ids)],
            })
            payment.post()

    def _demo_event_carry_over(self, _data, state):
        self.env["aftersales.ticket"]._cron_carry_over(self._demo_now())

    def _demo_event_sla_check(self, _data, state):
        now = self._demo_now()
        due = self.env["aftersales.ticket"].search([
            ("id", "in", state["tickets"].ids),
            ("is_closed", "=", False),
            ("sla_next_deadline", "<=", fields.Datetime.to_string(now))])
        if due:
            due._sla_check(now)

    def _demo_event_daily_reports(self, data, state):
        """The day's reports of the field teams: each technician's report
        submitted, then the director's, approved by the manager after a
        day or two."""
        network, users = state["network"], state["users"]
        for team_key in FIELD_TEAMS:
            team = network[team_key]
            director = users["directors"][team_key]
            team.sudo(director).action_generate_daily_reports()
            report = self.env["aftersales.director.report"].search([
                ("team_id", "=", team.id),
                ("date", "=", fields.Date.today())])
            report.technician_report_ids.filtered(
                lambda tech: tech.state == "draft").sudo(
                    director).action_submit()
            report.sudo(director).action_submit()
            if data["approve"]:
                report.sudo(users["manager"]).action_approve()
