# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""Satisfaction surveys at volume: the monthly technician evaluation and
the score pivot over 50,000 answers, and 5,000 invitations sent in one run.

* 50,000 closed tickets of 25 technicians over 12 months, each with its
  answered survey (4 item scores each: 200,000 scores), inserted in bulk
  with SQL (the data, not the path measured);
* evaluation: the list of the evaluations of a month as the web client
  reads it (``search_read`` with the score fields) and its pivot
  (technician x month), warm, in SQL queries and milliseconds;
* score pivot: the ``read_group`` calls of the pivot view technician x
  month x item (one per combination of row and column groupings), warm;
* invitations: 5,000 tickets closed through the ORM (``_on_ticket_closed``
  creates the invitations and queues the jobs), then the jobs' function
  run on the batches as the job runner would: every e-mail queued in the
  outgoing mail queue (sent by Odoo's mail cron in its own batches).

The answered tickets are committed into the bench database (a scratch
copy: ``--keep`` reuses them on the next run); the invitations part is
rolled back.

    python bench/bench_survey.py --config <odoo.conf> --database <db>
"""
import itertools
import time

import benchlib
import odoo
from odoo import SUPERUSER_ID, api

TECHNICIANS = 25
MONTHS = ["2026-%02d-15 10:00:00" % month for month in range(1, 13)]


def setup(env, answers):
    """Technicians, a team, a customer; ``answers`` closed tickets with an
    answered survey, in bulk."""
    cr = env.cr
    technicians = env["res.users"]
    for index in range(TECHNICIANS):
        technicians |= env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Bench Technician %d" % index,
                "login": "bench_survey_tech_%d" % index,
                "groups_id": [(6, 0, [env.ref(
                    "aftersales_ticket.group_technician").id])]})
    team = env["aftersales.team"].create({
        "name": "Bench Survey Team", "level": "center",
        "member_ids": [(6, 0, technicians.ids)]})
    partner = env["res.partner"].create({
        "name": "Bench Survey Customer", "email": "survey@bench.example.com"})
    company = env.ref("base.main_company")
    closed = env.ref("aftersales_ticket.stage_closed")
    survey = env.ref("aftersales_survey.survey_satisfaction")
    cr.execute("""
        INSERT INTO aftersales_ticket (
            name, subject, partner_id, commercial_partner_id, request_type,
            service_category, channel, priority, stage_id, is_closed,
            date_received, date_closed, user_id, team_id, company_id,
            sla_breached, first_time_fix, create_uid, write_uid,
            create_date, write_date)
        SELECT 'BENCH-' || n, 'Bench request ' || n, %(partner)s,
               %(partner)s, 'fault', 'A', 'phone', '1', %(stage)s, TRUE,
               (%(months)s::timestamp[])[1 + n %% 12] - interval '2 days',
               (%(months)s::timestamp[])[1 + n %% 12],
               (%(techs)s::integer[])[1 + n %% %(ntech)s], %(team)s,
               %(company)s, n %% 7 = 0, n %% 3 != 0, 1, 1, now(), now()
          FROM generate_series(1, %(count)s) AS n
        RETURNING id""", {
            "partner": partner.id, "stage": closed.id, "months": MONTHS,
            "techs": technicians.ids, "ntech": TECHNICIANS, "team": team.id,
            "company": company.id, "count": answers})
    cr.execute("""
        INSERT INTO survey_user_input (
            survey_id, date_create, type, state, token, ticket_id,
            technician_id, team_id, company_id, partner_id, email,
            invitation_sent_on, date_answered, answered_count,
            overall_score, is_low_score, create_uid, write_uid, create_date,
            write_date)
        SELECT %(survey)s, t.date_closed, 'link', 'done', md5(random()::text
               || t.id), t.id, t.user_id, t.team_id, t.company_id,
               t.partner_id, 'survey@bench.example.com', t.date_closed,
               t.date_closed + interval '1 day', 1,
               (100.0 * ((t.id %% 4) + (t.id %% 3) + 6) / 12), FALSE,
               1, 1, now(), now()
          FROM aftersales_ticket t WHERE t.name LIKE 'BENCH-%%'
    """, {"survey": survey.id})
    cr.execute("""
        INSERT INTO aftersales_survey_result (
            user_input_id, ticket_id, technician_id, team_id, company_id,
            date, item, level, score, create_uid, write_uid, create_date,
            write_date)
        SELECT i.id, i.ticket_id, i.technician_id, i.team_id, i.company_id,
               i.date_create::date, item.name,
               (1 + (i.id + item.pos) %% 4)::text,
               100.0 * ((i.id + item.pos) %% 4) / 3, 1, 1, now(), now()
          FROM survey_user_input i
         CROSS JOIN (VALUES ('attitude', 0), ('skill', 1), ('arrival', 2),
                            ('promise', 3)) AS item(name, pos)
         WHERE i.technician_id = ANY(%(techs)s)
    """, {"techs": technicians.ids})
    cr.execute("ANALYZE aftersales_ticket")
    cr.execute("ANALYZE survey_user_input")
    cr.execute("ANALYZE aftersales_survey_result")
    env.cache.invalidate()
    return {"technicians": technicians, "team": team, "partner": partner}


def existing(env):
    """The data of an earlier run kept in the bench database, or None."""
    technicians = env["res.users"].search(
        [("login", "=like", "bench_survey_tech_%")])
    if len(technicians) != TECHNICIANS:
        return None
    return {
        "technicians": technicians,
        "team": env["aftersales.team"].search(
            [("name", "=", "Bench Survey Team")], limit=1),
        "partner": env["res.partner"].search(
            [("name", "=", "Bench Survey Customer")], limit=1),
    }


def measure(env, function, runs=3):
    """(queries, milliseconds) of ``function`` warm: the best of ``runs``
    after one cold run."""
    function()
    best = None
    for _run in range(runs):
        env.cache.invalidate()
        start_count = env.cr.sql_log_count
        start = time.time()
        function()
        figures = (env.cr.sql_log_count - start_count,
                   (time.time() - start) * 1000)
        if best is None or figures[1] < best[1]:
            best = figures
    return best


def pivot_calls(model, rows, cols, measures):
    """The ``read_group`` calls of Odoo 11's pivot view: one per pair of
    prefixes of the row and column groupings."""
    def run():
        for row_len, col_len in itertools.product(
                range(len(rows) + 1), range(len(cols) + 1)):
            groupby = rows[:row_len] + cols[:col_len]
            model.read_group(
                [], [name.split(":")[0] for name in groupby] + measures,
                groupby, lazy=False)
    return run


def run(args):
    registry = odoo.registry(args.database)
    with registry.cursor() as cr:
        try:
            env = api.Environment(cr, SUPERUSER_ID, {})
            start = time.time()
            data = existing(env) if args.keep else None
            if not data:
                data = setup(env, args.answers)
                cr.commit()  # pylint: disable=invalid-commit
            print("setup: %d answered tickets, %d scores in %.1f s" % (
                env["survey.user_input"].search_count(
                    [("state", "=", "done")]),
                env["aftersales.survey.result"].search_count([]),
                time.time() - start))
            Users = env["res.users"].with_context(no_reset_password=True)
            director = Users.search([("login", "=", "bench_survey_director")])
            if not director:
                director = Users.create({
                    "name": "Bench Director", "login": "bench_survey_director",
                    "groups_id": [(6, 0, [env.ref(
                        "aftersales_ticket.group_director").id])]})
            denv = api.Environment(cr, director.id, {"lang": "en_US"})
            Evaluation = denv["aftersales.technician.evaluation"]
            fields_ = ["technician_id", "month", "closed_count",
                       "answer_count", "response_rate", "satisfaction",
                       "sla_rate", "first_time_fix_rate", "complaint_score",
                       "score"]

            def evaluation_list():
                records = Evaluation.search_read(
                    [("month", "=", "2026-06-01")], fields_)
                assert len(records) == TECHNICIANS, len(records)

            figures = [
                ("evaluation list (1 month, %d technicians)" % TECHNICIANS,
                 measure(denv, evaluation_list)),
                ("evaluation pivot technician x month", measure(
                    denv, pivot_calls(Evaluation, ["technician_id"],
                                      ["month:month"],
                                      ["satisfaction", "closed_count"]))),
                ("score pivot technician x month x item", measure(
                    denv, pivot_calls(denv["aftersales.survey.result"],
                                      ["technician_id"],
                                      ["date:month", "item"], ["score"]))),
            ]
            for label, (queries, millis) in figures:
                print("%-45s %3d queries %7.0f ms" % (label, queries, millis))
            invitations(env, data, args.invitations)
        finally:
            cr.rollback()


def invitations(env, data, count):
    """``count`` tickets closed through the ORM, then the invitation jobs
    run on their batches."""
    Ticket = env["aftersales.ticket"].with_context(
        tracking_disable=True, mail_notrack=True)
    technician = data["technicians"][0]
    tickets = Ticket.browse()
    start = time.time()
    for index in range(count):
        tickets |= Ticket.create({
            "subject": "Bench invitation %d" % index,
            "partner_id": data["partner"].id, "team_id": data["team"].id,
            "user_id": technician.id})
    print("%d tickets created in %.1f s" % (count, time.time() - start))
    closed = env.ref("aftersales_ticket.stage_closed")
    start_count, start = env.cr.sql_log_count, time.time()
    tickets.write({"stage_id": closed.id})
    close_figures = (env.cr.sql_log_count - start_count, time.time() - start)
    UserInput = env["survey.user_input"]
    inputs = UserInput.search([("ticket_id", "in", tickets.ids)])
    jobs = env["queue.job"].search([
        ("method_name", "=", "_aftersales_send_invitations")])
    print("closing %d tickets: %d invitations, %d jobs queued, %d queries, "
          "%.1f s" % (count, len(inputs), len(jobs), close_figures[0],
                      close_figures[1]))
    start_count, start = env.cr.sql_log_count, time.time()
    sent = 0
    for job in jobs:
        # what the job runner does: the job's function on its records
        sent += UserInput.browse(job.record_ids)._aftersales_send_invitations()
    elapsed = time.time() - start
    # the e-mails are filed on the invitations (their link stays out of the
    # ticket's chatter)
    mails = env["mail.mail"].search_count([
        ("model", "=", "survey.user_input"), ("res_id", "in", inputs.ids),
        ("state", "=", "outgoing")])
    print("invitations sent: %d e-mails queued (%d outgoing) in %d queries, "
          "%.1f s (%.1f ms each)" % (
              sent, mails, env.cr.sql_log_count - start_count, elapsed,
              1000.0 * elapsed / max(sent, 1)))
    again = sum(UserInput.browse(job.record_ids)._aftersales_send_invitations()
                for job in jobs)
    print("jobs run a second time: %d more e-mails" % again)


def main():
    args = benchlib.parse_args(
        __doc__, ("--answers", {"type": int, "default": 50000}),
        ("--invitations", {"type": int, "default": 5000}),
        ("--keep", {"action": "store_true",
                    "help": "reuse the answered tickets of an earlier run"}))
    with api.Environment.manage():
        run(args)


if __name__ == "__main__":
    main()
