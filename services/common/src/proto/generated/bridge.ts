import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any.js';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue.js';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue.js';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value.js';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value.js';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value.js';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value.js';
import type { Status as _google_rpc_Status, Status__Output as _google_rpc_Status__Output } from './google/rpc/Status.js';
import type { AlreadyExists as _stargate_AlreadyExists, AlreadyExists__Output as _stargate_AlreadyExists__Output } from './stargate/AlreadyExists.js';
import type { AuthorizeSchemaReadsRequest as _stargate_AuthorizeSchemaReadsRequest, AuthorizeSchemaReadsRequest__Output as _stargate_AuthorizeSchemaReadsRequest__Output } from './stargate/AuthorizeSchemaReadsRequest.js';
import type { AuthorizeSchemaReadsResponse as _stargate_AuthorizeSchemaReadsResponse, AuthorizeSchemaReadsResponse__Output as _stargate_AuthorizeSchemaReadsResponse__Output } from './stargate/AuthorizeSchemaReadsResponse.js';
import type { Batch as _stargate_Batch, Batch__Output as _stargate_Batch__Output } from './stargate/Batch.js';
import type { BatchParameters as _stargate_BatchParameters, BatchParameters__Output as _stargate_BatchParameters__Output } from './stargate/BatchParameters.js';
import type { BatchQuery as _stargate_BatchQuery, BatchQuery__Output as _stargate_BatchQuery__Output } from './stargate/BatchQuery.js';
import type { CasWriteUnknown as _stargate_CasWriteUnknown, CasWriteUnknown__Output as _stargate_CasWriteUnknown__Output } from './stargate/CasWriteUnknown.js';
import type { Collection as _stargate_Collection, Collection__Output as _stargate_Collection__Output } from './stargate/Collection.js';
import type { ColumnSpec as _stargate_ColumnSpec, ColumnSpec__Output as _stargate_ColumnSpec__Output } from './stargate/ColumnSpec.js';
import type { ConsistencyValue as _stargate_ConsistencyValue, ConsistencyValue__Output as _stargate_ConsistencyValue__Output } from './stargate/ConsistencyValue.js';
import type { CqlIndex as _stargate_CqlIndex, CqlIndex__Output as _stargate_CqlIndex__Output } from './stargate/CqlIndex.js';
import type { CqlKeyspace as _stargate_CqlKeyspace, CqlKeyspace__Output as _stargate_CqlKeyspace__Output } from './stargate/CqlKeyspace.js';
import type { CqlKeyspaceDescribe as _stargate_CqlKeyspaceDescribe, CqlKeyspaceDescribe__Output as _stargate_CqlKeyspaceDescribe__Output } from './stargate/CqlKeyspaceDescribe.js';
import type { CqlMaterializedView as _stargate_CqlMaterializedView, CqlMaterializedView__Output as _stargate_CqlMaterializedView__Output } from './stargate/CqlMaterializedView.js';
import type { CqlTable as _stargate_CqlTable, CqlTable__Output as _stargate_CqlTable__Output } from './stargate/CqlTable.js';
import type { Decimal as _stargate_Decimal, Decimal__Output as _stargate_Decimal__Output } from './stargate/Decimal.js';
import type { DescribeKeyspaceQuery as _stargate_DescribeKeyspaceQuery, DescribeKeyspaceQuery__Output as _stargate_DescribeKeyspaceQuery__Output } from './stargate/DescribeKeyspaceQuery.js';
import type { Duration as _stargate_Duration, Duration__Output as _stargate_Duration__Output } from './stargate/Duration.js';
import type { EncodedMultiplexedReplies as _stargate_EncodedMultiplexedReplies, EncodedMultiplexedReplies__Output as _stargate_EncodedMultiplexedReplies__Output } from './stargate/EncodedMultiplexedReplies.js';
import type { EncodedMultiplexedReply as _stargate_EncodedMultiplexedReply, EncodedMultiplexedReply__Output as _stargate_EncodedMultiplexedReply__Output } from './stargate/EncodedMultiplexedReply.js';
import type { EncodedMultiplexedRequest as _stargate_EncodedMultiplexedRequest, EncodedMultiplexedRequest__Output as _stargate_EncodedMultiplexedRequest__Output } from './stargate/EncodedMultiplexedRequest.js';
import type { EncodedMultiplexedRequests as _stargate_EncodedMultiplexedRequests, EncodedMultiplexedRequests__Output as _stargate_EncodedMultiplexedRequests__Output } from './stargate/EncodedMultiplexedRequests.js';
import type { FunctionFailure as _stargate_FunctionFailure, FunctionFailure__Output as _stargate_FunctionFailure__Output } from './stargate/FunctionFailure.js';
import type { Inet as _stargate_Inet, Inet__Output as _stargate_Inet__Output } from './stargate/Inet.js';
import type { MultiplexedReplies as _stargate_MultiplexedReplies, MultiplexedReplies__Output as _stargate_MultiplexedReplies__Output } from './stargate/MultiplexedReplies.js';
import type { MultiplexedReply as _stargate_MultiplexedReply, MultiplexedReply__Output as _stargate_MultiplexedReply__Output } from './stargate/MultiplexedReply.js';
import type { MultiplexedRequest as _stargate_MultiplexedRequest, MultiplexedRequest__Output as _stargate_MultiplexedRequest__Output } from './stargate/MultiplexedRequest.js';
import type { MultiplexedRequests as _stargate_MultiplexedRequests, MultiplexedRequests__Output as _stargate_MultiplexedRequests__Output } from './stargate/MultiplexedRequests.js';
import type { Query as _stargate_Query, Query__Output as _stargate_Query__Output } from './stargate/Query.js';
import type { QueryParameters as _stargate_QueryParameters, QueryParameters__Output as _stargate_QueryParameters__Output } from './stargate/QueryParameters.js';
import type { QueryWithSchema as _stargate_QueryWithSchema, QueryWithSchema__Output as _stargate_QueryWithSchema__Output } from './stargate/QueryWithSchema.js';
import type { QueryWithSchemaResponse as _stargate_QueryWithSchemaResponse, QueryWithSchemaResponse__Output as _stargate_QueryWithSchemaResponse__Output } from './stargate/QueryWithSchemaResponse.js';
import type { ReadFailure as _stargate_ReadFailure, ReadFailure__Output as _stargate_ReadFailure__Output } from './stargate/ReadFailure.js';
import type { ReadTimeout as _stargate_ReadTimeout, ReadTimeout__Output as _stargate_ReadTimeout__Output } from './stargate/ReadTimeout.js';
import type { Response as _stargate_Response, Response__Output as _stargate_Response__Output } from './stargate/Response.js';
import type { ResultSet as _stargate_ResultSet, ResultSet__Output as _stargate_ResultSet__Output } from './stargate/ResultSet.js';
import type { ResumeModeValue as _stargate_ResumeModeValue, ResumeModeValue__Output as _stargate_ResumeModeValue__Output } from './stargate/ResumeModeValue.js';
import type { Row as _stargate_Row, Row__Output as _stargate_Row__Output } from './stargate/Row.js';
import type { SchemaChange as _stargate_SchemaChange, SchemaChange__Output as _stargate_SchemaChange__Output } from './stargate/SchemaChange.js';
import type { SchemaRead as _stargate_SchemaRead, SchemaRead__Output as _stargate_SchemaRead__Output } from './stargate/SchemaRead.js';
import type { StargateBridgeClient as _stargate_StargateBridgeClient, StargateBridgeDefinition as _stargate_StargateBridgeDefinition } from './stargate/StargateBridge.js';
import type { StreamingResponse as _stargate_StreamingResponse, StreamingResponse__Output as _stargate_StreamingResponse__Output } from './stargate/StreamingResponse.js';
import type { SupportedFeaturesRequest as _stargate_SupportedFeaturesRequest, SupportedFeaturesRequest__Output as _stargate_SupportedFeaturesRequest__Output } from './stargate/SupportedFeaturesRequest.js';
import type { SupportedFeaturesResponse as _stargate_SupportedFeaturesResponse, SupportedFeaturesResponse__Output as _stargate_SupportedFeaturesResponse__Output } from './stargate/SupportedFeaturesResponse.js';
import type { Traces as _stargate_Traces, Traces__Output as _stargate_Traces__Output } from './stargate/Traces.js';
import type { TypeSpec as _stargate_TypeSpec, TypeSpec__Output as _stargate_TypeSpec__Output } from './stargate/TypeSpec.js';
import type { UdtValue as _stargate_UdtValue, UdtValue__Output as _stargate_UdtValue__Output } from './stargate/UdtValue.js';
import type { Unavailable as _stargate_Unavailable, Unavailable__Output as _stargate_Unavailable__Output } from './stargate/Unavailable.js';
import type { Uuid as _stargate_Uuid, Uuid__Output as _stargate_Uuid__Output } from './stargate/Uuid.js';
import type { Value as _stargate_Value, Value__Output as _stargate_Value__Output } from './stargate/Value.js';
import type { Values as _stargate_Values, Values__Output as _stargate_Values__Output } from './stargate/Values.js';
import type { Varint as _stargate_Varint, Varint__Output as _stargate_Varint__Output } from './stargate/Varint.js';
import type { WriteFailure as _stargate_WriteFailure, WriteFailure__Output as _stargate_WriteFailure__Output } from './stargate/WriteFailure.js';
import type { WriteTimeout as _stargate_WriteTimeout, WriteTimeout__Output as _stargate_WriteTimeout__Output } from './stargate/WriteTimeout.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
    }
    rpc: {
      Status: MessageTypeDefinition<_google_rpc_Status, _google_rpc_Status__Output>
    }
  }
  stargate: {
    AlreadyExists: MessageTypeDefinition<_stargate_AlreadyExists, _stargate_AlreadyExists__Output>
    AuthorizeSchemaReadsRequest: MessageTypeDefinition<_stargate_AuthorizeSchemaReadsRequest, _stargate_AuthorizeSchemaReadsRequest__Output>
    AuthorizeSchemaReadsResponse: MessageTypeDefinition<_stargate_AuthorizeSchemaReadsResponse, _stargate_AuthorizeSchemaReadsResponse__Output>
    Batch: MessageTypeDefinition<_stargate_Batch, _stargate_Batch__Output>
    BatchParameters: MessageTypeDefinition<_stargate_BatchParameters, _stargate_BatchParameters__Output>
    BatchQuery: MessageTypeDefinition<_stargate_BatchQuery, _stargate_BatchQuery__Output>
    CasWriteUnknown: MessageTypeDefinition<_stargate_CasWriteUnknown, _stargate_CasWriteUnknown__Output>
    Collection: MessageTypeDefinition<_stargate_Collection, _stargate_Collection__Output>
    ColumnOrderBy: EnumTypeDefinition
    ColumnSpec: MessageTypeDefinition<_stargate_ColumnSpec, _stargate_ColumnSpec__Output>
    Consistency: EnumTypeDefinition
    ConsistencyValue: MessageTypeDefinition<_stargate_ConsistencyValue, _stargate_ConsistencyValue__Output>
    CqlIndex: MessageTypeDefinition<_stargate_CqlIndex, _stargate_CqlIndex__Output>
    CqlKeyspace: MessageTypeDefinition<_stargate_CqlKeyspace, _stargate_CqlKeyspace__Output>
    CqlKeyspaceDescribe: MessageTypeDefinition<_stargate_CqlKeyspaceDescribe, _stargate_CqlKeyspaceDescribe__Output>
    CqlMaterializedView: MessageTypeDefinition<_stargate_CqlMaterializedView, _stargate_CqlMaterializedView__Output>
    CqlTable: MessageTypeDefinition<_stargate_CqlTable, _stargate_CqlTable__Output>
    Decimal: MessageTypeDefinition<_stargate_Decimal, _stargate_Decimal__Output>
    DescribeKeyspaceQuery: MessageTypeDefinition<_stargate_DescribeKeyspaceQuery, _stargate_DescribeKeyspaceQuery__Output>
    Duration: MessageTypeDefinition<_stargate_Duration, _stargate_Duration__Output>
    EncodedMultiplexedReplies: MessageTypeDefinition<_stargate_EncodedMultiplexedReplies, _stargate_EncodedMultiplexedReplies__Output>
    EncodedMultiplexedReply: MessageTypeDefinition<_stargate_EncodedMultiplexedReply, _stargate_EncodedMultiplexedReply__Output>
    EncodedMultiplexedRequest: MessageTypeDefinition<_stargate_EncodedMultiplexedRequest, _stargate_EncodedMultiplexedRequest__Output>
    EncodedMultiplexedRequests: MessageTypeDefinition<_stargate_EncodedMultiplexedRequests, _stargate_EncodedMultiplexedRequests__Output>
    FunctionFailure: MessageTypeDefinition<_stargate_FunctionFailure, _stargate_FunctionFailure__Output>
    IndexingType: EnumTypeDefinition
    Inet: MessageTypeDefinition<_stargate_Inet, _stargate_Inet__Output>
    MultiplexedReplies: MessageTypeDefinition<_stargate_MultiplexedReplies, _stargate_MultiplexedReplies__Output>
    MultiplexedReply: MessageTypeDefinition<_stargate_MultiplexedReply, _stargate_MultiplexedReply__Output>
    MultiplexedRequest: MessageTypeDefinition<_stargate_MultiplexedRequest, _stargate_MultiplexedRequest__Output>
    MultiplexedRequests: MessageTypeDefinition<_stargate_MultiplexedRequests, _stargate_MultiplexedRequests__Output>
    Query: MessageTypeDefinition<_stargate_Query, _stargate_Query__Output>
    QueryParameters: MessageTypeDefinition<_stargate_QueryParameters, _stargate_QueryParameters__Output>
    QueryWithSchema: MessageTypeDefinition<_stargate_QueryWithSchema, _stargate_QueryWithSchema__Output>
    QueryWithSchemaResponse: MessageTypeDefinition<_stargate_QueryWithSchemaResponse, _stargate_QueryWithSchemaResponse__Output>
    ReadFailure: MessageTypeDefinition<_stargate_ReadFailure, _stargate_ReadFailure__Output>
    ReadTimeout: MessageTypeDefinition<_stargate_ReadTimeout, _stargate_ReadTimeout__Output>
    Response: MessageTypeDefinition<_stargate_Response, _stargate_Response__Output>
    ResultSet: MessageTypeDefinition<_stargate_ResultSet, _stargate_ResultSet__Output>
    ResumeMode: EnumTypeDefinition
    ResumeModeValue: MessageTypeDefinition<_stargate_ResumeModeValue, _stargate_ResumeModeValue__Output>
    Row: MessageTypeDefinition<_stargate_Row, _stargate_Row__Output>
    SchemaChange: MessageTypeDefinition<_stargate_SchemaChange, _stargate_SchemaChange__Output>
    SchemaRead: MessageTypeDefinition<_stargate_SchemaRead, _stargate_SchemaRead__Output>
    StargateBridge: SubtypeConstructor<typeof grpc.Client, _stargate_StargateBridgeClient> & { service: _stargate_StargateBridgeDefinition }
    StreamingResponse: MessageTypeDefinition<_stargate_StreamingResponse, _stargate_StreamingResponse__Output>
    SupportedFeaturesRequest: MessageTypeDefinition<_stargate_SupportedFeaturesRequest, _stargate_SupportedFeaturesRequest__Output>
    SupportedFeaturesResponse: MessageTypeDefinition<_stargate_SupportedFeaturesResponse, _stargate_SupportedFeaturesResponse__Output>
    Traces: MessageTypeDefinition<_stargate_Traces, _stargate_Traces__Output>
    TypeSpec: MessageTypeDefinition<_stargate_TypeSpec, _stargate_TypeSpec__Output>
    UdtValue: MessageTypeDefinition<_stargate_UdtValue, _stargate_UdtValue__Output>
    Unavailable: MessageTypeDefinition<_stargate_Unavailable, _stargate_Unavailable__Output>
    Uuid: MessageTypeDefinition<_stargate_Uuid, _stargate_Uuid__Output>
    Value: MessageTypeDefinition<_stargate_Value, _stargate_Value__Output>
    Values: MessageTypeDefinition<_stargate_Values, _stargate_Values__Output>
    Varint: MessageTypeDefinition<_stargate_Varint, _stargate_Varint__Output>
    WriteFailure: MessageTypeDefinition<_stargate_WriteFailure, _stargate_WriteFailure__Output>
    WriteTimeout: MessageTypeDefinition<_stargate_WriteTimeout, _stargate_WriteTimeout__Output>
  }
}

