// A validation rule that refuses subscription operations: the schema has none, and graphql-js would
// otherwise validate `subscription { __typename }` and fail only when executing it, which Apollo
// reports as an internal error (and logs at error level) although the client asked for something
// this API does not serve.
import { GraphQLError, OperationTypeNode, type ASTVisitor, type ValidationContext } from 'graphql';

export function noSubscriptions(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== OperationTypeNode.SUBSCRIPTION || context.getSchema().getSubscriptionType()) return;
      context.reportError(
        new GraphQLError('this schema has no subscriptions: send a query or a mutation', { nodes: [node] }),
      );
    },
  };
}
