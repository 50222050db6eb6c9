"""The SQLite store: every SQL statement the project runs lives in this package.

Keeping SQL here means the blueprints and the loader speak in rows and
filters, and a schema change touches one query module plus one migration.
Callers use the package, not its modules: `from api import store`, then
`store.list_claims(...)`. The modules, each with one job:

- `schema`: the tables and indexes, as the ordered `sqlite-migrate` steps;
- `connection`: opening connections, their pragmas, and per-connection count caching;
- `writes`: replacing or deleting a report with its entities and claims, in one transaction;
- `claims`: claim filters, sort orders, pages and unpaged matches;
- `sources`: source pages and single sources;
- `entities`: actor and location pages, single rows and look-ups by name or alias;
- `figures`: the rows figures are computed from, and whole-table counts;
- `figure_tallies`: the maintained figure and quantity tables, their upkeep and reads.
- `snapshot`: consistent copies for read replicas, and a replica's read-only connection.

This file only re-exports their public names.
"""

from api.store.claims import CLAIM_SORTS as CLAIM_SORTS
from api.store.claims import ClaimFilter as ClaimFilter
from api.store.claims import all_claims as all_claims
from api.store.claims import claims_by_id as claims_by_id
from api.store.claims import count_claims as count_claims
from api.store.claims import get_claim as get_claim
from api.store.claims import iter_claims as iter_claims
from api.store.claims import list_claims as list_claims
from api.store.connection import CountCache as CountCache
from api.store.connection import busy_timeout_ms as busy_timeout_ms
from api.store.connection import cached_count as cached_count
from api.store.connection import connect as connect
from api.store.connection import connect_export as connect_export
from api.store.connection import connect_reader as connect_reader
from api.store.connection import connect_writer as connect_writer
from api.store.connection import data_version as data_version
from api.store.connection import deadline_passed as deadline_passed
from api.store.connection import set_deadline as set_deadline
from api.store.entities import find_actor_id as find_actor_id
from api.store.entities import find_location_id as find_location_id
from api.store.entities import get_actor as get_actor
from api.store.entities import get_location as get_location
from api.store.entities import list_actors as list_actors
from api.store.entities import list_locations as list_locations
from api.store.figure_tallies import add_figure_counts as add_figure_counts
from api.store.figure_tallies import add_kind_places as add_kind_places
from api.store.figure_tallies import add_quantity_counts as add_quantity_counts
from api.store.figure_tallies import add_tallies as add_tallies
from api.store.figure_tallies import add_value_sources as add_value_sources
from api.store.figure_tallies import claim_facts as claim_facts
from api.store.figure_tallies import claim_kinds as claim_kinds
from api.store.figure_tallies import clear_figures as clear_figures
from api.store.figure_tallies import delete_empty_figures as delete_empty_figures
from api.store.figure_tallies import delete_members as delete_members
from api.store.figure_tallies import figure_extremes as figure_extremes
from api.store.figure_tallies import figure_lists as figure_lists
from api.store.figure_tallies import figures_built as figures_built
from api.store.figure_tallies import first_claims as first_claims
from api.store.figure_tallies import get_figure as get_figure
from api.store.figure_tallies import insert_members as insert_members
from api.store.figure_tallies import kind_places as kind_places
from api.store.figure_tallies import list_figures as list_figures
from api.store.figure_tallies import maintained_quantity_counts as maintained_quantity_counts
from api.store.figure_tallies import mark_figures_built as mark_figures_built
from api.store.figure_tallies import members_at as members_at
from api.store.figure_tallies import members_of_source as members_of_source
from api.store.figure_tallies import move_members as move_members
from api.store.figure_tallies import refresh_first as refresh_first
from api.store.figure_tallies import set_figure_summary as set_figure_summary
from api.store.figure_tallies import tally_first_claim as tally_first_claim
from api.store.figure_tallies import time_ordered_bounds as time_ordered_bounds
from api.store.figures import all_locations as all_locations
from api.store.figures import counts as counts
from api.store.figures import figure_claims as figure_claims
from api.store.figures import quantity_counts as quantity_counts
from api.store.figures import source_places as source_places
from api.store.schema import m001_initial as m001_initial
from api.store.schema import m002_actor_kind as m002_actor_kind
from api.store.schema import m003_kind_indexes as m003_kind_indexes
from api.store.schema import m101_timeline as m101_timeline
from api.store.schema import m201_keyset_indexes as m201_keyset_indexes
from api.store.schema import m301_source_encoding as m301_source_encoding
from api.store.schema import m302_submitted_sources as m302_submitted_sources
from api.store.schema import m401_claim_confidence as m401_claim_confidence
from api.store.schema import m501_figure_tallies as m501_figure_tallies
from api.store.schema import m502_confidence_index as m502_confidence_index
from api.store.schema import m503_kind_index as m503_kind_index
from api.store.schema import migrations as migrations
from api.store.snapshot import SnapshotError as SnapshotError
from api.store.snapshot import connect_read_only as connect_read_only
from api.store.snapshot import snapshot as snapshot
from api.store.sources import get_source as get_source
from api.store.sources import list_sources as list_sources
from api.store.writes import PruneLater as PruneLater
from api.store.writes import WriteLockBusy as WriteLockBusy
from api.store.writes import bulk_load as bulk_load
from api.store.writes import delete_source as delete_source
from api.store.writes import insert_claims as insert_claims
from api.store.writes import prune_entities as prune_entities
from api.store.writes import replace_source as replace_source
from api.store.writes import replace_sources as replace_sources
from api.store.writes import source_count as source_count
from api.store.writes import source_hash as source_hash
from api.store.writes import source_with_hash as source_with_hash
from api.store.writes import upsert_locations as upsert_locations
from api.store.writes import upsert_sources as upsert_sources
from api.store.writes import write_transaction as write_transaction
