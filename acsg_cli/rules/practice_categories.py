"""ACSG402: a good practice names the areas of the asylum system it concerns (SR)."""

from __future__ import annotations

from acsg_cli.rules.base import PracticeRule, RequiredField


class PracticeCategories(RequiredField, PracticeRule):
    """The areas a practice speaks to (SR, FS 3).

    Checks that a practice lists at least one category, from the same area vocabulary as
    requests and offers.

    Why: the stocktaking report describes the library as good practices and tools "that speak
    to key issues facing asylum systems" (SR); readers find them by area, and the areas tie a
    practice to the requests and offers on the same issue (FS 3).

    Passing example:

    ```yaml
    categories: [registration, processing_modalities]
    ```

    Failing example:

    ```yaml
    status: published
    # (no categories)
    ```
    """

    code = "ACSG402"
    name = "practice-categories"
    cites = "SR, FS 3"
    summary = "A good practice lists the areas of the asylum system it concerns."
    required = "categories"
    hint = "list the areas the practice concerns"
