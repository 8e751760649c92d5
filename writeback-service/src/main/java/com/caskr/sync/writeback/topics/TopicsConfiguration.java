package com.caskr.sync.writeback.topics;

import com.caskr.sync.schema.topics.Topic;
import com.caskr.sync.schema.topics.TopicCatalogue;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares every catalogue topic and its DLQ at start-up (existing topics are left alone), so no
 * topic is ever auto-created by the broker with the wrong partition count, whichever service starts
 * first.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  KafkaAdmin.NewTopics catalogueTopics() {
    return new KafkaAdmin.NewTopics(
        TopicCatalogue.allWithDeadLetters().stream().map(Topic::newTopic).toArray(NewTopic[]::new));
  }
}
