import { Column, PrimaryGeneratedColumn, type ColumnOptions } from 'typeorm';

/*
 * The column types the entities use, one decorator each, with a nullable twin for the most common
 * extra. They only mirror the schema: the migrations define it, and synchronize is off.
 */

/** What a column adds to its type: nullable, a default, an array, hidden from reads… */
export type ColumnExtras = Omit<ColumnOptions, 'type'>;
type ColumnDecorator = (extras?: ColumnExtras) => PropertyDecorator;

function ofType(type: ColumnOptions['type']): [ColumnDecorator, () => PropertyDecorator] {
  const column: ColumnDecorator = (extras = {}) => Column({ type, ...extras });
  return [column, () => column({ nullable: true })];
}

/** The key of most tables: a uuid the database generates (gen_random_uuid()). */
export const UuidPrimaryKey = (): PropertyDecorator => PrimaryGeneratedColumn('uuid');

/** Another row's uuid key. */
export const [UuidColumn, NullableUuidColumn] = ofType('uuid');
export const [TextColumn, NullableTextColumn] = ofType('text');
/** Instants are stored with their time zone: UTC in, UTC out. */
export const [TimestampColumn, NullableTimestampColumn] = ofType('timestamptz');
export const [JsonbColumn, NullableJsonbColumn] = ofType('jsonb');
export const [DoubleColumn, NullableDoubleColumn] = ofType('double precision');
export const [IntegerColumn, NullableIntegerColumn] = ofType('integer');
export const [BigintColumn, NullableBigintColumn] = ofType('bigint');
export const [BooleanColumn] = ofType('boolean');
