# Copyright 2026 After-Sales Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl.html).
"""The addon meets what it declares to the integrity net
(``integrity_policy.py``): each action that creates documents, run by its
role with duplicate ids and again, creates them once."""
from . import integrity_policy as policy
from .common import SurveyCase


class TestIntegrityPolicy(SurveyCase):

    def _role_user(self, role):
        return {"technician": self.technician, "manager": self.manager,
                "director": self.director, "agent": self.agent}[role]

    def test_once_actions_create_their_documents_once(self):
        for model, actions in policy.ONCE.items():
            for method, spec in actions.items():
                record = getattr(policy, spec["prepare"])(self.env)
                self.assertTrue(record, (model, method))
                counts = {name: self.env[name].sudo().search_count([])
                          for name in spec["creates"]}
                user = self._role_user(spec["role"])
                as_role = record.sudo(user)
                getattr(as_role + as_role, method)()
                created = {name: self.env[name].sudo().search_count([])
                           - counts[name] for name in spec["creates"]}
                self.assertTrue(any(created.values()), (model, method))
                getattr(as_role, method)()
                again = {name: self.env[name].sudo().search_count([])
                         - counts[name] for name in spec["creates"]}
                self.assertEqual(again, created, (model, method))

    def test_declared_models_and_scopes(self):
        for model, scopes in policy.SCOPE_FIELDS.items():
            self.assertIn(model, policy.ACCESS)
            for key, path in scopes.items():
                if key == "records":
                    # a domain: the suite's records of the model
                    self.env[model].sudo().search(path, limit=1)
                    continue
                records = self.env[model]
                for name in path.split("."):
                    self.assertIn(name, records._fields, (model, path))
                    records = self.env[records._fields[name].comodel_name] \
                        if records._fields[name].relational else records
        for model, buttons in policy.NO_DOCUMENTS.items():
            for button in buttons:
                self.assertTrue(hasattr(self.env[model], button))
