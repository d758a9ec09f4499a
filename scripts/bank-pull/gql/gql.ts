/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query BankProfiles($usccs: [USCC!]!) {\n  enterprises(usccs: $usccs) {\n    uscc\n    name\n    code {\n      checksumValid\n    }\n    registration {\n      status\n      establishedOn\n      registeredCapital {\n        amount\n        currency\n      }\n    }\n    tax {\n      aLevelTaxpayer\n      ratings {\n        year\n        grade\n      }\n      taxPaid {\n        year\n        amount\n      }\n      arrears\n    }\n    credit {\n      commitments {\n        id\n        type\n        matter\n        status\n        signedOn\n      }\n    }\n    evaluation {\n      grade\n      label\n      ruleSet\n      version\n      evaluatedAt\n      complete\n      missingDepartments\n    }\n    records {\n      id\n      kind\n      severity\n      date\n    }\n  }\n}": typeof types.BankProfilesDocument,
};
const documents: Documents = {
    "query BankProfiles($usccs: [USCC!]!) {\n  enterprises(usccs: $usccs) {\n    uscc\n    name\n    code {\n      checksumValid\n    }\n    registration {\n      status\n      establishedOn\n      registeredCapital {\n        amount\n        currency\n      }\n    }\n    tax {\n      aLevelTaxpayer\n      ratings {\n        year\n        grade\n      }\n      taxPaid {\n        year\n        amount\n      }\n      arrears\n    }\n    credit {\n      commitments {\n        id\n        type\n        matter\n        status\n        signedOn\n      }\n    }\n    evaluation {\n      grade\n      label\n      ruleSet\n      version\n      evaluatedAt\n      complete\n      missingDepartments\n    }\n    records {\n      id\n      kind\n      severity\n      date\n    }\n  }\n}": types.BankProfilesDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BankProfiles($usccs: [USCC!]!) {\n  enterprises(usccs: $usccs) {\n    uscc\n    name\n    code {\n      checksumValid\n    }\n    registration {\n      status\n      establishedOn\n      registeredCapital {\n        amount\n        currency\n      }\n    }\n    tax {\n      aLevelTaxpayer\n      ratings {\n        year\n        grade\n      }\n      taxPaid {\n        year\n        amount\n      }\n      arrears\n    }\n    credit {\n      commitments {\n        id\n        type\n        matter\n        status\n        signedOn\n      }\n    }\n    evaluation {\n      grade\n      label\n      ruleSet\n      version\n      evaluatedAt\n      complete\n      missingDepartments\n    }\n    records {\n      id\n      kind\n      severity\n      date\n    }\n  }\n}"): (typeof documents)["query BankProfiles($usccs: [USCC!]!) {\n  enterprises(usccs: $usccs) {\n    uscc\n    name\n    code {\n      checksumValid\n    }\n    registration {\n      status\n      establishedOn\n      registeredCapital {\n        amount\n        currency\n      }\n    }\n    tax {\n      aLevelTaxpayer\n      ratings {\n        year\n        grade\n      }\n      taxPaid {\n        year\n        amount\n      }\n      arrears\n    }\n    credit {\n      commitments {\n        id\n        type\n        matter\n        status\n        signedOn\n      }\n    }\n    evaluation {\n      grade\n      label\n      ruleSet\n      version\n      evaluatedAt\n      complete\n      missingDepartments\n    }\n    records {\n      id\n      kind\n      severity\n      date\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;