import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.urls import reverse

from events.demo.loader import load_demo

FILE_MAIL = "django.core.mail.backends.filebased.EmailBackend"


class Command(BaseCommand):
    help = "Load the demo missions, organizations and accounts. Safe to run again: it updates, never duplicates."

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            help="Where the site is served (default: SITE_URL, else http://127.0.0.1:8000): the links printed here "
            "and in the mail the demo sends lead there.",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="Date the missions from this day (YYYY-MM-DD) instead of today, e.g. for reproducible screenshots.",
        )

    def handle(self, *args, base_url, today, **options):
        base_url = (base_url or settings.SITE_URL).rstrip("/")
        # Mail is written with SITE_URL when it is sent (in-process here): links in it must lead where the
        # demo is served, as the printed ones do.
        with override_settings(SITE_URL=base_url):
            summary = load_demo(today=today)
        write = self.stdout.write

        counts = ", ".join(f"{count} {name}" for name, count in summary.counts.items())
        write(self.style.SUCCESS(f"Demo data loaded: {counts}."))
        write("\nMissions:")
        for mission in summary.missions:
            days = f"{mission.start_date:%d %b %Y}"
            if mission.end_date != mission.start_date:
                days += f" – {mission.end_date:%d %b %Y}"
            write(f"  {mission.title} ({days})")
            write(f"    {base_url}{reverse('missions:detail', kwargs={'slug': mission.slug})}")
        write(f"\nAdmin:    {base_url}{reverse('admin:index')}")
        write(f"API:      {base_url}{reverse('api:api-root')}")
        write(f"API docs: {base_url}{reverse('api-docs')}")
        if settings.EMAIL_BACKEND == FILE_MAIL:
            folder = settings.EMAIL_FILE_PATH
            write(f"\nMail the demo sends is written to files in {folder}/ instead of being printed here.")
        serve = "manage.py runserver"
        if base_url != settings.SITE_URL:
            # The server writes later mail with its own SITE_URL: the same address keeps those links here too.
            serve = f"SITE_URL={base_url} {serve} {urlsplit(base_url).netloc}"
        write(f"\nOpen {base_url}/ (start the server with `{serve}` if it is not running).")
        # Last, where a newcomer's eye lands when the command ends.
        write(self.style.SUCCESS(f"\nAccounts (sign in at {base_url}{reverse('account_login')}):"))
        for account in summary.accounts:
            write(f"  {account.role:<10} {account.email:<24} password: {account.password:<22} {account.note}")
