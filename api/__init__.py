"""The read API (`/api/v1/`): programmes, contents, targets with plan and actual, projects, money.

Entry points: `api.urls.api` (the django-ninja application whose OpenAPI document is generated from
the code at `/api/v1/openapi.json`), `api.services.api_token_create` / `api_token_revoke` (the
per-user tokens, stored hashed), `api.auth` (a Bearer token or the signed-in session). Every read is
scoped by `policy.access` exactly as the pages are; the numbers come from the pages' and reports'
own selectors (`programs.selectors.programme_tree`, `reports.selectors.build_report`).
"""
