from django.core.management.base import BaseCommand

from events.certificates.services import rotate_signing_key


class Command(BaseCommand):
    help = "Retire the active certificate signing key and make a new one; old public keys stay published."

    def handle(self, *args, **options):
        key = rotate_signing_key()
        self.stdout.write(f"New signing key: {key.kid}")
