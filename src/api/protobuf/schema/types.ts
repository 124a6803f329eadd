/**
 * Shape of our protobuf schema tables. Field numbers and names come from the published
 * `generated.proto` files of k8s.io/api and k8s.io/apimachinery (release-1.33 era).
 *
 * A field is `[jsonName, type, ...flags]`:
 * - type: a scalar (`string`, `bytes`, `bool`, `int32`, `int64`), `map<string,V>` (V a scalar or
 *   `Quantity`), a special type (`Time`, `MicroTime`, `Quantity`, `IntOrString`, `Duration`,
 *   `FieldsV1`, `RawExtension`), or the name of another message in the table.
 * - `repeated`: a list.
 * - `keep`: emit the value even when it is the zero value. Go's gogo-protobuf writes every
 *   non-pointer field (so `generateName: ""` and `generation: 0` are on the wire), while the JSON
 *   form drops zero values of `omitempty` fields. `keep` marks the fields whose JSON does not drop
 *   them: pointers (`*int32 replicas`: present means set) and fields without `omitempty`.
 * - `inline`: an embedded Go struct (`json:",inline"`); its keys merge into the parent object.
 */
export type FieldFlag = 'repeated' | 'keep' | 'inline';
export type FieldSpec = readonly [name: string, type: string, ...flags: FieldFlag[]];
export type MessageSpec = Readonly<Record<number, FieldSpec>>;
export type SchemaTable = Readonly<Record<string, MessageSpec>>;
