# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""What aftersales_survey declares to the integrity net (issue 20): who
reads and writes the models it defines or stores data in, the actions that
create documents once, and how to prepare a record for each.

The satisfaction answers (``survey.user_input`` and its lines) hold the
customer's ratings, complaint text and the token of the survey link:

- service managers read every answer of their companies; service directors
  the answers about the teams they direct or manage (and their sub-teams);
- nobody else: a technician reads his own scores (``aftersales.survey.
  result``) and evaluations, never the answer with its token (he would
  answer his own survey); agents work on the complaint ticket;
- nobody writes them: the public survey pages (as superuser, once the
  token is checked) and the suite's jobs do.

The access declared is that of the suite's answers (the invitations of
service tickets): Odoo's own surveys keep Odoo's rights (every user may
create and answer them, survey managers manage them).
"""
ROLES = ("portal", "employee", "technician", "agent", "director", "manager",
         "billing", "warehouse", "other_company")

# Odoo 11's survey ACLs grant every user read, write and create on the
# answers (the public survey pages); the suite narrows its own answers (those
# of a ticket) with record rules: managers read their companies' answers,
# directors those of the teams they direct or manage and their sub-teams,
# nobody else any; writes and creates of them are refused to every role
# (WRITE_GUARDED_BY_CODE below), the answer flow writes them as superuser.
ANSWER_READERS = {"director": ("rwc", "team"), "manager": ("rwc", "all")}

ACCESS = {
    "survey.user_input": {
        role: ANSWER_READERS.get(role, ("rwc", None)) for role in ROLES},
    "survey.user_input_line": {
        role: ANSWER_READERS.get(role, ("rwc", None)) for role in ROLES},
    # scores: written by the answer flow only
    "aftersales.survey.result": {
        "technician": ("r", "self"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
    },
    # a database view: nobody writes it
    "aftersales.technician.evaluation": {
        "technician": ("r", "self"),
        "director": ("r", "all"),
        "manager": ("r", "all"),
    },
    # the survey, its questions and answers offered are public (Odoo: read
    # by anyone, the survey pages show them); survey managers edit them,
    # none of the suite's roles does
    "survey.survey": {role: ("r", "all") for role in ROLES},
    "survey.question": {role: ("r", "all") for role in ROLES},
    "survey.label": {role: ("r", "all") for role in ROLES},
}

SCOPE_FIELDS = {
    # the suite's answers only: Odoo's own surveys keep Odoo's rules
    "survey.user_input": {
        "records": [("ticket_id", "!=", False)],
        "team": "team_id", "customer": "partner_id",
        "company": "company_id", "user": "technician_id"},
    "survey.user_input_line": {
        "records": [("user_input_id.ticket_id", "!=", False)],
        "team": "user_input_id.team_id",
        "customer": "user_input_id.partner_id",
        "company": "user_input_id.company_id",
        "user": "user_input_id.technician_id"},
    "aftersales.survey.result": {
        "team": "team_id", "company": "company_id", "user": "technician_id"},
    "aftersales.technician.evaluation": {
        "company": "company_id", "user": "technician_id"},
    # no company: one survey for all
    "survey.survey": {},
    "survey.question": {},
    "survey.label": {},
}

ONCE = {
    "aftersales.ticket": {
        # the invitation of a closed ticket (run when it is closed: by its
        # technician, or an agent or director of the company)
        "_aftersales_survey_invite": {
            "role": "agent",
            "prepare": "ticket_closed_without_invitation",
            "creates": ["survey.user_input"]},
    },
    "survey.user_input": {
        # jobs: the invitation and reminder e-mails, the scores of an
        # answer, the complaint of a low score (with the director's To-Do)
        "_aftersales_send_invitations": {
            "role": "manager", "prepare": "invitation_to_send",
            "creates": ["mail.mail"]},
        "_aftersales_send_reminders": {
            "role": "manager", "prepare": "invitation_to_remind",
            "creates": ["mail.mail"]},
        "_aftersales_record_answers": {
            "role": "manager", "prepare": "answer_to_record",
            "creates": ["aftersales.survey.result"]},
        "_aftersales_open_complaints": {
            "role": "manager", "prepare": "low_score_answer",
            "creates": ["aftersales.ticket", "mail.activity"]},
    },
}

NO_DOCUMENTS = {
    "aftersales.ticket": ["action_open_survey_answer"],
}

BAD_VALUE_EXEMPT = {}

# The ACL grants write and create (Odoo's survey pages), the record rules
# refuse them on the suite's answers to every role: the net writes these
# values and creates a copy of an answer as each role, expecting a refusal.
WRITE_GUARDED_BY_CODE = {
    "survey.user_input": {"state": "done"},
    "survey.user_input_line": {"skipped": True},
}

LOWEST = {"attitude": 1, "skill": 1, "arrival": 1, "promise": 1}


def _quiet(env):
    return env(context=dict(env.context, tracking_disable=True,
                            mail_notrack=True, mail_create_nolog=True,
                            no_reset_password=True))


def _closed_ticket(env):
    """A customer request with a technician and a director, closed: its
    invitation is created (and its e-mail queued)."""
    env = _quiet(env)
    Users = env["res.users"].sudo()
    technician = Users.create({
        "name": "Net Survey Technician",
        "login": "net_survey_tech_%d" % Users.search_count([]),
        "groups_id": [(6, 0, [env.ref(
            "aftersales_ticket.group_technician").id])]})
    director = Users.create({
        "name": "Net Survey Director",
        "login": "net_survey_director_%d" % Users.search_count([]),
        "groups_id": [(6, 0, [env.ref(
            "aftersales_ticket.group_director").id])]})
    team = env["aftersales.team"].sudo().create({
        "name": "Net Survey Team", "level": "center",
        "director_id": director.id,
        "member_ids": [(6, 0, [technician.id])]})
    partner = env["res.partner"].sudo().create({
        "name": "Net Survey Customer", "email": "net-survey@example.com"})
    ticket = env["aftersales.ticket"].sudo().create({
        "subject": "Net survey request", "partner_id": partner.id,
        "team_id": team.id, "user_id": technician.id,
        "date_received": "2026-11-02 09:00:00"})
    ticket.write({"stage_id": env.ref("aftersales_ticket.stage_closed").id})
    return ticket


def _invitation(env, ticket):
    return env["survey.user_input"].sudo().search(
        [("ticket_id", "=", ticket.id)])


def _add_lines(env, user_input, levels, text=""):
    Line = env["survey.user_input_line"].sudo()
    keys = {4: "very_satisfied", 3: "satisfied", 2: "dissatisfied",
            1: "very_dissatisfied"}
    for item, level in levels.items():
        Line.create({
            "user_input_id": user_input.id,
            "question_id": env.ref(
                "aftersales_survey.survey_question_%s" % item).id,
            "answer_type": "suggestion",
            "value_suggested": env.ref(
                "aftersales_survey.survey_label_%s_%s" % (
                    item, keys[level])).id})
    if text:
        Line.create({
            "user_input_id": user_input.id,
            "question_id": env.ref(
                "aftersales_survey.survey_question_comment").id,
            "answer_type": "free_text", "value_free_text": text})


def ticket_closed_without_invitation(env):
    ticket = _closed_ticket(env)
    # superuser: nobody else deletes an invitation
    _invitation(env, ticket).sudo().unlink()
    return ticket.with_env(env)


def invitation_to_send(env):
    return _invitation(env, _closed_ticket(env)).with_env(env)


def invitation_to_remind(env):
    user_input = _invitation(env, _closed_ticket(env))
    user_input._aftersales_send_invitations()
    user_input.sudo().write({"invitation_sent_on": "2026-11-01 10:00:00"})
    return user_input.with_env(env)


def answer_to_record(env):
    """An answer completed whose scores are not recorded yet (as the
    answer flow leaves it just before recording them)."""
    user_input = _invitation(env, _closed_ticket(env))
    _add_lines(env, user_input, LOWEST)
    env.cr.execute("UPDATE survey_user_input SET state = 'done' WHERE id = %s",
                   (user_input.id,))
    user_input.invalidate_cache()
    return user_input.with_env(env)


def low_score_answer(env):
    """A low-score answer recorded, its complaint not opened yet."""
    user_input = _invitation(env, _closed_ticket(env))
    _add_lines(env, user_input, LOWEST, text="The technician broke my door.")
    user_input.sudo().write({"state": "done"})
    return user_input.with_env(env)
