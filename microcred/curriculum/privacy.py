"""The curriculum app holds no learner data; it only says why its link to staff is not exported
(microcred/accounts/privacy.py checks that every relation to the user model is accounted for)."""

from microcred.accounts.privacy import register_not_exported

register_not_exported("curriculum.ModuleVersion.created_by",
                      "the staff member who created a module version: content authorship")
register_not_exported("curriculum.VersionTransition.actor",
                      "the staff member who moved a module version in its lifecycle: an audit "
                      "record of content governance (publishing, withdrawing), kept with it")
