"""The newsroom's roles as Django groups with Wagtail page, collection and model permissions.

Wagtail's page permissions are granted on a page and hold for its subtree: roles that work in
every edition get them on the tree's root, a translator on the home page of each edition
assigned (one group per edition, `Translator (ru)`), so a translator cannot open another
edition's pages at all. Images and documents are collection permissions on the root
collection; snippets, settings and the newsroom's own screens are model permissions.

`roles_setup` takes an app registry so the data migration can run it on historical models;
`manage.py setup_outlet` runs it again with the live registry, which also makes the
translator groups of editions created after the migration.
"""

from dataclasses import dataclass, field

AUTHOR = "Author"
EDITOR = "Editor"
CHIEF_EDITOR = "Chief editor"
ANALYST = "Analyst"
TRANSLATOR_PREFIX = "Translator"
REVIEW_WORKFLOW = "Editorial review"
REVIEW_TASK = "Editor's approval"
# Wagtail's own starter groups and workflow: replaced by the roles here on a fresh install.
WAGTAIL_STARTER_GROUPS = ("Editors", "Moderators")


@dataclass(frozen=True)
class Role:
    """What one group may do: page permission types, collection and model permissions."""

    pages: tuple = ()
    collections: tuple = ()
    models: tuple = ()
    reviews: bool = False


WRITER_MEDIA = ("add_image", "choose_image", "add_document", "choose_document")
EDITOR_MEDIA = (*WRITER_MEDIA, "change_image", "change_document")
ALL_MEDIA = (*EDITOR_MEDIA, "delete_image", "delete_document")
ADMIN = "wagtailadmin.access_admin"
TRANSLATE = "simple_translation.submit_translation"
ANALYTICS = "metrics.view_analytics"
SECTIONS = "newsroom.manage_sections"
EMPTY_TRASH = "newsroom.delete_trashedarticle"
CURATION = tuple(
    f"articles.{action}_{model}"
    for model in ("frontpagepin", "breakingnews")
    for action in ("add", "change", "delete", "view")
)
PEOPLE_VIEW = ("people.view_person",)
PEOPLE_EDIT = ("people.add_person", "people.change_person", "people.view_person")

ROLES = {
    # Writes and submits own drafts: "add" lets a user edit the pages they own, nothing else.
    AUTHOR: Role(pages=("add",), collections=WRITER_MEDIA, models=(ADMIN, *PEOPLE_VIEW)),
    EDITOR: Role(
        pages=("add", "change", "publish", "lock", "unlock"),
        collections=EDITOR_MEDIA,
        models=(ADMIN, TRANSLATE, ANALYTICS, *PEOPLE_EDIT, *CURATION),
        reviews=True,
    ),
    CHIEF_EDITOR: Role(
        pages=("add", "bulk_delete", "change", "lock", "publish", "unlock"),
        collections=ALL_MEDIA,
        models=(
            ADMIN,
            TRANSLATE,
            ANALYTICS,
            SECTIONS,
            EMPTY_TRASH,
            *PEOPLE_EDIT,
            "people.delete_person",
            *CURATION,
            "ads.add_adplacement",
            "ads.change_adplacement",
            "ads.delete_adplacement",
            "ads.view_adplacement",
            "editions.change_outletsettings",
            "editions.add_editionsettings",
            "editions.change_editionsettings",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ),
        reviews=True,
    ),
    ANALYST: Role(models=(ADMIN, ANALYTICS)),
}
# Creates and edits pages in the editions assigned; publishing stays with the editors.
TRANSLATOR = Role(pages=("add", "change"), collections=WRITER_MEDIA, models=(ADMIN, TRANSLATE))


def translator_group_name(language_code):
    """The group whose members translate into one edition, e.g. "Translator (ru)"."""
    return f"{TRANSLATOR_PREFIX} ({language_code})"


@dataclass
class Registry:
    """The models roles_setup needs, from the live registry or a migration's."""

    apps: object
    # In a migration, permissions of models that come in later migrations are skipped:
    # setup_outlet grants them once every model exists.
    strict: bool = True
    created: list = field(default_factory=list)

    def model(self, label):
        return self.apps.get_model(label)

    def permission(self, label):
        """The Permission named "app_label.codename" (None when not strict and not there yet)."""
        app_label, codename = label.split(".")
        permissions = self.model("auth.Permission").objects.filter(
            content_type__app_label=app_label, codename=codename
        )
        if self.strict:
            return permissions.get()
        return permissions.first()

    def page_permission(self, permission_type):
        return self.permission(f"wagtailcore.{permission_type}_page")

    def collection_permission(self, codename):
        app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
        return self.permission(f"{app_label}.{codename}")


def role_grant(registry, name, role, page):
    """Make group `name` hold exactly the permissions of `role`, page ones on `page`."""
    group, made = registry.model("auth.Group").objects.get_or_create(name=name)
    if made:
        registry.created.append(f"group {name}")
    group.permissions.set(
        [permission for label in role.models if (permission := registry.permission(label))]
    )
    page_permissions = registry.model("wagtailcore.GroupPagePermission").objects
    page_permissions.filter(group=group).exclude(page=page).delete()
    wanted = [registry.page_permission(kind) for kind in role.pages]
    page_permissions.filter(group=group).exclude(permission__in=wanted).delete()
    for permission in wanted:
        page_permissions.get_or_create(group=group, page=page, permission=permission)
    root_collection = registry.model("wagtailcore.Collection").objects.get(depth=1)
    collection_permissions = registry.model("wagtailcore.GroupCollectionPermission").objects
    wanted = [registry.collection_permission(codename) for codename in role.collections]
    collection_permissions.filter(group=group).exclude(permission__in=wanted).delete()
    for permission in wanted:
        collection_permissions.get_or_create(
            group=group, collection=root_collection, permission=permission
        )
    return group


def review_workflow_setup(registry, reviewers, root):
    """One review step by the editors for every page: submit, then approve or reject."""
    content_types = registry.model("contenttypes.ContentType").objects
    workflow, _ = registry.model("wagtailcore.Workflow").objects.get_or_create(
        name=REVIEW_WORKFLOW, defaults={"active": True}
    )
    task_type, _ = content_types.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = registry.model("wagtailcore.GroupApprovalTask").objects.get_or_create(
        name=REVIEW_TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set(reviewers)
    registry.model("wagtailcore.WorkflowTask").objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    registry.model("wagtailcore.WorkflowPage").objects.update_or_create(
        page=root, defaults={"workflow": workflow}
    )


def roles_setup(apps, translated_homes=(), strict=True):
    """Create or bring up to date every role group and the review workflow.

    `translated_homes` is [(language code, edition home page)] for the translator groups.
    Returns what was created, for setup_outlet to report.
    """
    registry = Registry(apps, strict=strict)
    root = registry.model("wagtailcore.Page").objects.get(depth=1)
    groups = registry.model("auth.Group").objects
    # Wagtail's starter groups mean nothing here; dropped while nobody belongs to them.
    groups.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    groups = {name: role_grant(registry, name, role, root) for name, role in ROLES.items()}
    reviewers = [groups[name] for name, role in ROLES.items() if role.reviews]
    review_workflow_setup(registry, reviewers, root)
    for language_code, home in translated_homes:
        role_grant(registry, translator_group_name(language_code), TRANSLATOR, home)
    return registry.created
