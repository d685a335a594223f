import type { ConsentTables } from '../../consent/consent.tables.ts';
import type { GatewayTables } from '../../gateway/gateway.tables.ts';
import type { GridTables } from '../../grid/grid.tables.ts';
import type { ReadingsTables } from '../../metering/readings.tables.ts';
import type { PlatformTables } from './platform.tables.ts';

/** Every table Kysely knows, composed from the modules that own them. */
export interface Schema extends PlatformTables, GridTables, ReadingsTables, GatewayTables, ConsentTables {}
