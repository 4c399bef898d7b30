"""The three people a visitor can sign in as. Passwords are public on purpose: this is demo data."""

ORGANISER = {
    "role": "organiser",
    "email": "organiser@demo.example",
    "password": "demo-organiser-2027",
    "full_name": "Claire Donovan",
    "note": "organises every demo mission; Django admin at /admin/",
}

COMPANY = {
    "role": "company",
    "email": "company@demo.example",
    "password": "demo-company-2027",
    "full_name": "Marcus Reed",
    "organization": "lone-star-cloud-systems",
    "job_title": "Director of Public Sector Sales",
    "note": "represents Lone Star Cloud Systems (Austin); register for the business briefing and request "
    "one-to-one meetings",
}

# The same address is on the USTDA delegation's roster, so this account is that delegate's.
DELEGATE = {
    "role": "delegate",
    "email": "delegate@demo.example",
    "password": "demo-delegate-2027",
    "full_name": "Omar Tazi",
    "note": "Omar Tazi, delegate of the Moroccan digital economy delegation; sees his agenda",
}

# Everything an organiser manages, in the admin too; apps not installed yet simply add nothing.
ORGANISER_APPS = [
    "missions",
    "companies",
    "registrations",
    "meetings",
    "agenda",
    "notifications",
    "checkin",
    "certificates",
    "outcomes",
    "matching",
]
